// What a person sees of the voice flow's Sankey, measured from the drawn SVG's bounding boxes (run in the page with
// the chart element as the first argument). Node boxes are the SVG shapes filled with a node colour (links are
// filled with gradients or a translucent grey); labels are the SVG text elements. Returns the chart's box, the node
// boxes grouped into columns by their left edge, every label's box and text, and every problem found: a label or node
// outside the chart, two labels overlapping, a column heading without a node under it.
const chart = arguments[0];
const svg = chart.querySelector('svg');
const frame = svg.getBoundingClientRect();
const NODE_FILLS = ['#8a6100', '#1d5f7a', '#6a4c93', '#00795c', '#8c8c8c',
  'rgb(138,97,0)', 'rgb(29,95,122)', 'rgb(106,76,147)', 'rgb(0,121,92)', 'rgb(140,140,140)'];
const box = r => ({ left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left, bottom: r.bottom - frame.top });
const nodes = [...svg.querySelectorAll('path, rect')]
  .filter(e => NODE_FILLS.includes((e.getAttribute('fill') || '').replace(/\s+/g, '').toLowerCase()))
  .map(e => box(e.getBoundingClientRect()))
  .filter(b => b.right - b.left > 4 && b.right - b.left < 30 && b.bottom - b.top > 0);
const labels = [];
const seen = new Set();
for (const t of svg.querySelectorAll('text')) {
  const b = box(t.getBoundingClientRect());
  const key = `${t.textContent}|${Math.round(b.left)}|${Math.round(b.top)}`;
  if (!t.textContent.trim() || seen.has(key) || b.right - b.left === 0) continue;
  seen.add(key);
  labels.push({ text: t.textContent, ...b });
}
const width = frame.width;
const height = frame.height;
const problems = [];
const inside = b => b.left >= -0.5 && b.top >= -0.5 && b.right <= width + 0.5 && b.bottom <= height + 0.5;
nodes.forEach(n => { if (!inside(n)) problems.push(`node outside the chart at ${JSON.stringify(n)}`); });
labels.forEach(l => { if (!inside(l)) problems.push(`label outside the chart: “${l.text}” ${JSON.stringify(l)}`); });
for (let i = 0; i < labels.length; i++) {
  for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i];
    const b = labels[j];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) problems.push(`labels overlap: “${a.text}” and “${b.text}”`);
  }
}
const columns = [];
for (const n of [...nodes].sort((a, b) => a.left - b.left)) {
  const column = columns.find(c => Math.abs(c.left - n.left) < 3);
  if (column) column.nodes++;
  else columns.push({ left: n.left, nodes: 1 });
}
return JSON.stringify({ width, height, columns, nodes: nodes.length, labels, problems });
