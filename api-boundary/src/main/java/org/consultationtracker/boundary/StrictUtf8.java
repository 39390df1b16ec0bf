package org.consultationtracker.boundary;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Request bodies must be well-formed UTF-8 (RFC 3629). Jackson decodes some malformed sequences without complaint: an
 * overlong form ({@code C0 AF} is read as '/'), so bytes no UTF-8 encoder writes would be accepted and stored as
 * other text. This checks every byte as Jackson reads it and refuses overlong forms, encoded surrogates, code points
 * above U+10FFFF, stray continuation bytes and sequences cut short.
 */
public final class StrictUtf8 extends InputDecorator {

    /** The rule, as the problem response states it for the field {@code body}. */
    public static final String RULE = "must be well-formed UTF-8 (no overlong forms, no encoded surrogates, "
            + "nothing above U+10FFFF)";

    /** Malformed UTF-8 in a body: a parse error of the body as a whole. */
    public static final class Malformed extends JsonParseException {

        Malformed(long offset) {
            super(null, "Malformed UTF-8 at byte " + offset);
        }
    }

    @Override
    public InputStream decorate(IOContext context, InputStream in) {
        return new Checked(in);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] source, int offset, int length) {
        return new Checked(new ByteArrayInputStream(source, offset, length));
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return reader; // already decoded
    }

    /** Passes bytes through while following the UTF-8 grammar. */
    static final class Checked extends FilterInputStream {

        private int pending;
        private int low = 0x80;
        private int high = 0xBF;
        private long offset;

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                accept(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int start, int length) throws IOException {
            int n = super.read(buffer, start, length);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                accept(buffer[start + i] & 0xFF);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void end() throws Malformed {
            if (pending > 0) {
                throw new Malformed(offset);
            }
        }

        private void accept(int b) throws Malformed {
            if (pending > 0) {
                if (b < low || b > high) {
                    throw new Malformed(offset);
                }
                pending--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                } else if (b == 0xE0) {
                    pending = 2;
                    low = 0xA0;
                } else if (b == 0xED) {
                    pending = 2;
                    high = 0x9F;
                } else if (b >= 0xE1 && b <= 0xEF) {
                    pending = 2;
                } else if (b == 0xF0) {
                    pending = 3;
                    low = 0x90;
                } else if (b >= 0xF1 && b <= 0xF3) {
                    pending = 3;
                } else if (b == 0xF4) {
                    pending = 3;
                    high = 0x8F;
                } else {
                    throw new Malformed(offset);
                }
            }
            offset++;
        }
    }
}
