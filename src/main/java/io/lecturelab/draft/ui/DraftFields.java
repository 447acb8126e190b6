package io.lecturelab.draft.ui;

import com.vaadin.flow.component.HasValue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of an editor form by name, read as text for a draft and filled back from one. Values are written as the
 * browser's fields hold them (ISO dates, numbers as digits), so a draft reads the same whoever wrote it.
 */
public final class DraftFields {

    private record Binding<T>(HasValue<?, T> field, Function<T, String> write, Function<String, T> read) {

        String text() {
            T value = field.getValue();
            return value == null ? "" : write.apply(value);
        }

        void fill(String text) {
            field.setValue(text == null || text.isEmpty() ? field.getEmptyValue() : read.apply(text));
        }
    }

    private final Map<String, Binding<?>> fields = new LinkedHashMap<>();

    public DraftFields text(String name, HasValue<?, String> field) {
        fields.put(name, new Binding<>(field, Function.identity(), Function.identity()));
        return this;
    }

    public DraftFields number(String name, HasValue<?, Integer> field) {
        fields.put(name, new Binding<>(field, String::valueOf, Integer::valueOf));
        return this;
    }

    public DraftFields date(String name, HasValue<?, LocalDate> field) {
        fields.put(name, new Binding<>(field, LocalDate::toString, LocalDate::parse));
        return this;
    }

    public DraftFields dateTime(String name, HasValue<?, LocalDateTime> field) {
        fields.put(name, new Binding<>(field, LocalDateTime::toString, LocalDateTime::parse));
        return this;
    }

    public DraftFields flag(String name, HasValue<?, Boolean> field) {
        fields.put(name, new Binding<>(field, String::valueOf, Boolean::valueOf));
        return this;
    }

    /** Every field's value as text. */
    public Map<String, String> snapshot() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, binding) -> values.put(name, binding.text()));
        return values;
    }

    /** Fills the fields the draft names; a value that no longer reads (or an unknown name) is left as it is. */
    public void restore(Map<String, String> values) {
        values.forEach((name, text) -> {
            Binding<?> binding = fields.get(name);
            if (binding != null) {
                try {
                    binding.fill(text);
                } catch (NumberFormatException | DateTimeParseException unreadable) {
                    // keeps the field's current value
                }
            }
        });
    }

    /** Calls {@code listener} after any field's value changed. */
    public void onChange(Runnable listener) {
        fields.values().forEach(binding -> binding.field().addValueChangeListener(change -> listener.run()));
    }
}
