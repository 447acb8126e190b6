package io.lecturelab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.InvalidSettingException;
import io.lecturelab.ml.TrainingRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the lab opens with: training settings, the step to show, and which controls a teacher fixed or hid. It lives
 * in the page's address ({@code ?lr=0.05&batch=64&seed=7&fixed=batch,seed&step=train}), so a link reproduces a run
 * (same settings and seed give the same weights), and a lecture's {@code demo} block writes the same keys as JSON.
 *
 * @param request  the training settings
 * @param step     the step shown first
 * @param fixed    controls shown but not editable
 * @param hidden   controls not shown (their preset value is used)
 * @param sweep    a class-wide sweep: each student gets one of the values of one control
 * @param problems message keys of values that were out of range or unreadable and were replaced by defaults
 */
public record LabPreset(TrainingRequest request, LabStep step, Set<LabControl> fixed, Set<LabControl> hidden,
                        Optional<Sweep> sweep, List<String> problems) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One control swept over the class, e.g. the learning rate over 0.001, 0.01, 0.1, 1. */
    public record Sweep(LabControl control, List<Double> values) {
        public Sweep {
            values = List.copyOf(values);
            if (values.isEmpty() || (control != LabControl.LEARNING_RATE && control != LabControl.L2)) {
                throw new InvalidSettingException("lab.error.sweep", "a sweep needs lr or l2 and values");
            }
        }

        /** The value for the student at {@code rank} (0-based, in the course's student order). */
        public double valueFor(int rank) {
            return values.get(Math.floorMod(rank, values.size()));
        }

        String encode() {
            return control.key() + ":" + String.join(",", values.stream().map(LabPreset::number).toList());
        }
    }

    public LabPreset {
        fixed = fixed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fixed));
        hidden = hidden.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hidden));
        problems = List.copyOf(problems);
    }

    public static LabPreset defaults() {
        return new LabPreset(TrainingRequest.defaults(), LabStep.PIXELS, Set.of(), Set.of(), Optional.empty(),
                List.of());
    }

    public boolean editable(LabControl control) {
        return !fixed.contains(control) && !hidden.contains(control)
                && sweep.map(s -> s.control() != control).orElse(true);
    }

    public boolean visible(LabControl control) {
        return !hidden.contains(control);
    }

    public LabPreset withRequest(TrainingRequest value) {
        return new LabPreset(value, step, fixed, hidden, sweep, List.of());
    }

    public LabPreset withStep(LabStep value) {
        return new LabPreset(request, value, fixed, hidden, sweep, List.of());
    }

    /** From an address's query parameters; a value out of range keeps the default and is named in problems. */
    public static LabPreset fromQuery(Map<String, List<String>> query) {
        return read(key -> {
            List<String> values = query.get(key);
            return values == null || values.isEmpty() ? null : values.get(0);
        });
    }

    /** From a lecture's {@code demo} block: a JSON object with the same keys (lists may be JSON arrays). */
    public static LabPreset fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new LabPreset(TrainingRequest.defaults(), LabStep.PIXELS, Set.of(), Set.of(), Optional.empty(),
                    List.of("lab.error.preset"));
        }
        JsonNode object = node;
        return read(key -> {
            JsonNode value = object.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(v -> parts.add(v.asText()));
                return String.join(",", parts);
            }
            if (value.isObject() && key.equals("sweep")) {
                List<String> parts = new ArrayList<>();
                value.path("values").forEach(v -> parts.add(v.asText()));
                return value.path("control").asText() + ":" + String.join(",", parts);
            }
            return value.asText();
        });
    }

    private static LabPreset read(Function<String, String> parameter) {
        List<String> problems = new ArrayList<>();
        TrainingRequest r = TrainingRequest.defaults();
        r = apply(r, parameter.apply("lr"), "lab.error.lr", problems, (q, v) -> q.withLearningRate(Double.parseDouble(v)));
        r = apply(r, parameter.apply("batch"), "lab.error.batch", problems, (q, v) -> q.withBatchSize(Integer.parseInt(v)));
        r = apply(r, parameter.apply("epochs"), "lab.error.epochs", problems, (q, v) -> q.withEpochs(Integer.parseInt(v)));
        r = apply(r, parameter.apply("l2"), "lab.error.l2", problems, (q, v) -> q.withL2Strength(Double.parseDouble(v)));
        r = apply(r, parameter.apply("seed"), "lab.error.seed", problems, (q, v) -> q.withSeed(Long.parseLong(v)));
        r = apply(r, parameter.apply("bias"), "lab.error.bias", problems, (q, v) -> q.withBias(flag(v)));
        r = apply(r, parameter.apply("classes"), "lab.error.classes", problems, (q, v) -> q.withClasses(classes(v)));
        LabStep step = LabStep.PIXELS;
        String stepValue = parameter.apply("step");
        if (stepValue != null) {
            Optional<LabStep> s = LabStep.byKey(stepValue.trim().toLowerCase(Locale.ROOT));
            if (s.isPresent()) {
                step = s.get();
            } else {
                problems.add("lab.error.step");
            }
        }
        Set<LabControl> fixed = controls(parameter.apply("fixed"), problems);
        Set<LabControl> hidden = controls(parameter.apply("hidden"), problems);
        Optional<Sweep> sweep = Optional.empty();
        String sweepValue = parameter.apply("sweep");
        if (sweepValue != null && !sweepValue.isBlank()) {
            try {
                String[] parts = sweepValue.split(":", 2);
                LabControl control = LabControl.byKey(parts[0].trim()).orElseThrow(IllegalArgumentException::new);
                List<Double> values = new ArrayList<>();
                for (String v : parts[1].split(",")) {
                    double d = Double.parseDouble(v.trim());
                    // each value must be a valid setting on its own
                    if (control == LabControl.LEARNING_RATE) {
                        r.withLearningRate(d);
                    } else {
                        r.withL2Strength(d);
                    }
                    values.add(d);
                }
                sweep = Optional.of(new Sweep(control, values));
            } catch (RuntimeException e) {
                problems.add("lab.error.sweep");
            }
        }
        return new LabPreset(r, step, fixed, hidden, sweep, problems);
    }

    /** The address query that reopens this preset (defaults left out). */
    public Map<String, String> toQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        TrainingRequest d = TrainingRequest.defaults();
        put(q, "lr", number(request.learningRate()), number(d.learningRate()));
        put(q, "batch", Integer.toString(request.batchSize()), Integer.toString(d.batchSize()));
        put(q, "epochs", Integer.toString(request.epochs()), Integer.toString(d.epochs()));
        put(q, "l2", number(request.l2Strength()), number(d.l2Strength()));
        put(q, "seed", Long.toString(request.seed()), Long.toString(d.seed()));
        put(q, "bias", request.bias() ? "1" : "0", d.bias() ? "1" : "0");
        put(q, "classes", classesKey(request.classes()), classesKey(d.classes()));
        put(q, "step", step.key(), LabStep.PIXELS.key());
        put(q, "fixed", keys(fixed), "");
        put(q, "hidden", keys(hidden), "");
        sweep.ifPresent(s -> q.put("sweep", s.encode()));
        return q;
    }

    public static String classesKey(ClassSet classes) {
        return classes == ClassSet.ALL_TEN ? "all" : "cat-dog";
    }

    private static ClassSet classes(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "cat-dog", "cat_vs_dog", "catdog" -> ClassSet.CAT_VS_DOG;
            case "all", "all_ten", "10" -> ClassSet.ALL_TEN;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static boolean flag(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "on", "yes" -> true;
            case "0", "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static Set<LabControl> controls(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        EnumSet<LabControl> out = EnumSet.noneOf(LabControl.class);
        for (String part : value.split(",")) {
            LabControl.byKey(part.trim()).ifPresentOrElse(out::add, () -> problems.add("lab.error.control"));
        }
        return out;
    }

    private static String keys(Set<LabControl> controls) {
        return String.join(",", EnumSet.copyOf(controls.isEmpty() ? EnumSet.noneOf(LabControl.class) : controls)
                .stream().map(LabControl::key).toList());
    }

    private static void put(Map<String, String> q, String key, String value, String defaultValue) {
        if (!value.equals(defaultValue)) {
            q.put(key, value);
        }
    }

    /** A number as a person writes it: 0.02, 1e-05, 3 (no trailing ".0"). */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private interface Setter {
        TrainingRequest set(TrainingRequest request, String value);
    }

    private static TrainingRequest apply(TrainingRequest request, String value, String problem, List<String> problems,
                                         Setter setter) {
        if (value == null || value.isBlank()) {
            return request;
        }
        try {
            return setter.set(request, value.trim());
        } catch (RuntimeException e) {
            problems.add(problem);
            return request;
        }
    }
}
