package org.consultationtracker.boundary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.SimpleTypeConverter;
import org.springframework.beans.TypeMismatchException;
import org.springframework.format.support.DefaultFormattingConversionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Integers in paths and query parameters: decimal digits only, never hexadecimal or octal. */
class DecimalIntegersTest {

    private final SimpleTypeConverter binder = new SimpleTypeConverter();

    DecimalIntegersTest() {
        // As in a request: a conversion service first, which Spring falls back from to its default editors.
        binder.setConversionService(new DefaultFormattingConversionService());
        DecimalIntegers.register(binder);
    }

    @Test
    void decimalNumbersAreReadAsDecimal() {
        assertThat(binder.convertIfNecessary("2", int.class)).isEqualTo(2);
        assertThat(binder.convertIfNecessary("010", Integer.class)).isEqualTo(10);
        assertThat(binder.convertIfNecessary("-3", int.class)).isEqualTo(-3);
        assertThat(binder.convertIfNecessary("9000000000", long.class)).isEqualTo(9_000_000_000L);
        assertThat(binder.convertIfNecessary("", Integer.class)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1", "0X10", "#1", "-0x1", "+1", " 1", "1 ", "1.0", "1e1", "1_000", "\u0661",
            "99999999999", "99999999999999999999", ""})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> binder.convertIfNecessary(text, int.class))
                .isInstanceOf(TypeMismatchException.class);
    }
}
