// Apache ECharts (Apache-2.0), served from its WebJar by the query side. Charts render as SVG: crisp at any zoom,
// and every chart on these pages also comes with the same numbers as a table for screen readers and keyboards.

import * as echarts from '/webjars/echarts/echarts.esm.min.js';
import { h, table } from './dom.js';

export const COLOURS = {
  initial: '#0a5fa3', sustained: '#00795c', peak: '#b3541e', visitors: '#8a6100', neutral: '#5b6670',
  PROBLEM: '#b3541e', SOLUTION: '#00795c', RECOMMENDATION: '#0a5fa3', QUESTION: '#8a6100', OBSERVATION: '#5b6670',
};

const TEXT = { color: '#1f2a33', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', fontSize: 13 };

const charts = new Set();
// Resizing redraws at once: an animated re-layout would move targets under a pointer that is about to click.
window.addEventListener('resize', () => charts.forEach(chart => chart.resize({ animation: { duration: 0 } })));

/** Draws `option` into `element` (which gets role=img and the label), returning the chart. */
export function chart(element, option, label) {
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', label);
  const instance = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: 'svg' });
  instance.setOption({ textStyle: TEXT, animationDuration: 300, aria: { enabled: true }, ...option }, true);
  charts.add(instance);
  instance.on('finished', () => { element.dataset.rendered = 'true'; });
  return instance;
}

/** A "show the numbers as a table" disclosure to go under a chart. */
export function asTable(summary, columns, rows) {
  return h('details', { class: 'as-table' }, h('summary', {}, summary), table(columns, rows, { caption: summary }));
}

export { echarts };
