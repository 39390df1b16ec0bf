package org.consultationtracker.boundary;

import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

/**
 * Path variables and query parameters that are integers are read as plain decimal numbers. Spring alone reads them
 * with {@code NumberUtils}, which takes {@code 0x1} and {@code #1} as hexadecimal and drops spaces around a number:
 * a request to {@code /rounds/0x1/close} would close round 1. Anything but an optional minus and decimal digits is
 * refused (a 400 naming the parameter), and so is a number out of the type's range.
 * <p>
 * An editor rather than a converter: when a converter refuses a value, Spring's data binder falls back to its default
 * number editor, which would read the hexadecimal after all.
 */
@ControllerAdvice
public class DecimalIntegers {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder
    public void readIntegersAsDecimal(WebDataBinder binder) {
        register(binder);
    }

    static void register(PropertyEditorRegistry registry) {
        registry.registerCustomEditor(int.class, new DecimalEditor(false, false));
        registry.registerCustomEditor(Integer.class, new DecimalEditor(false, true));
        registry.registerCustomEditor(long.class, new DecimalEditor(true, false));
        registry.registerCustomEditor(Long.class, new DecimalEditor(true, true));
    }

    private static final class DecimalEditor extends PropertyEditorSupport {

        private final boolean isLong;
        private final boolean allowsNull;

        DecimalEditor(boolean isLong, boolean allowsNull) {
            this.isLong = isLong;
            this.allowsNull = allowsNull;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty()) {
                if (!allowsNull) {
                    throw new IllegalArgumentException("an integer is required");
                }
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal integer");
            }
            setValue(isLong ? Long.valueOf(text) : Integer.valueOf(text));
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }
}
