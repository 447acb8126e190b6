package io.lecturelab.base;

import io.lecturelab.base.i18n.Translations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user-facing string exists in Korean and in English. */
class TranslationsTest {

    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z]+(?:\\.[a-zA-Z0-9]+)+)\"");

    @Test
    void both_bundles_have_the_same_keys() throws IOException {
        assertThat(bundle("ko").stringPropertyNames()).isEqualTo(bundle("en").stringPropertyNames());
    }

    @Test
    void every_message_key_in_the_code_is_translated() throws IOException {
        Set<String> known = bundle("en").stringPropertyNames();
        Set<String> prefixes = new HashSet<>();
        known.forEach(key -> prefixes.add(key.substring(0, key.indexOf('.'))));
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = KEY_LITERAL.matcher(Files.readString(file));
                while (matcher.find()) {
                    String key = matcher.group(1);
                    if (prefixes.contains(key.substring(0, key.indexOf('.'))) && !known.contains(key)) {
                        missing.add(key + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void messages_are_formatted_in_the_users_language() {
        Translations translations = new Translations();
        assertThat(translations.getTranslation("course.error.weightSum", Locale.KOREAN, 90))
                .isEqualTo("성적 비율의 합은 100퍼센트여야 합니다. 현재 합은 90입니다.");
        assertThat(translations.getTranslation("course.error.weightSum", Locale.forLanguageTag("en-US"), 90))
                .isEqualTo("The grading weights must add up to 100 percent; they add up to 90.");
        assertThat(translations.getTranslation("grading.attendance", Locale.GERMAN)).isEqualTo("Attendance");
        assertThat(translations.getTranslation("grading.programming", Locale.ENGLISH, 3))
                .isEqualTo("3 programming homeworks (Google Colab)");
        assertThat(translations.getTranslation("grading.paperReview", Locale.ENGLISH, 1))
                .isEqualTo("one paper review (papers are assigned)");
    }

    @Test
    void no_key_is_in_two_bundles() throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        for (String name : Translations.BUNDLES) {
            for (String key : file(name, "en").stringPropertyNames()) {
                if (!seen.add(key)) {
                    twice.add(key);
                }
            }
        }
        assertThat(twice).isEmpty();
    }

    /** All bundles of one language together. */
    private static Properties bundle(String language) throws IOException {
        Properties all = new Properties();
        for (String name : Translations.BUNDLES) {
            all.putAll(file(name, language));
        }
        return all;
    }

    private static Properties file(String bundle, String language) throws IOException {
        Properties properties = new Properties();
        String path = "/" + bundle.replace('.', '/') + "_" + language + ".properties";
        try (InputStream in = Translations.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
