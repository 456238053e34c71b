package io.commentdesk.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a person typed: no control characters but tab and line breaks, no unpaired surrogates. The
 * database refuses NUL in text, and nothing a moderator, an admin or a reader writes needs the rest;
 * refused as a 400 naming the field, the same rule readers' fields meet.
 */
@Documented
@Constraint(validatedBy = PlainText.Check.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface PlainText {

    String MESSAGE = "must not contain control characters (other than tab and line breaks) or unpaired surrogates";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself, for values that are not bean properties (query parameters, one item of many). */
    final class Rule {

        private Rule() {
        }

        /** Whether the text (null counts as plain) holds nothing but printable characters, tabs and line breaks. */
        public static boolean holds(String text) {
            if (text == null) {
                return true;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)
                        || c != '\t' && c != '\n' && c != '\r' && Character.getType(c) == Character.CONTROL) {
                    return false;
                }
            }
            return true;
        }

        /**
         * @throws InvalidInputException naming the field when the text is not plain
         */
        public static void require(String field, String text) {
            if (!holds(text)) {
                throw new InvalidInputException(field, MESSAGE);
            }
        }
    }

    /** Bean Validation's side of the rule. */
    class Check implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Rule.holds(value);
        }
    }
}
