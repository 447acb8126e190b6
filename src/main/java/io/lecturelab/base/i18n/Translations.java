package io.lecturelab.base.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.quarkus.annotation.VaadinServiceEnabled;
import com.vaadin.quarkus.annotation.VaadinServiceScoped;
import io.quarkus.arc.Unremovable;
import org.jboss.logging.Logger;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every user-facing string, from the bundles in {@link #BUNDLES}: {@code i18n/messages_en.properties} and
 * {@code i18n/messages_ko.properties} for the app, and one such pair per larger feature (UTF-8). Formatted with
 * {@link MessageFormat} (so a literal apostrophe is written {@code ''} or as {@code ’}). Unknown locales fall back
 * to English.
 */
/** Looked up by Vaadin (hence the Vaadin qualifier and scope), never injected. */
@VaadinServiceEnabled
@VaadinServiceScoped
@Unremovable
public class Translations implements I18NProvider {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale KOREAN = Locale.KOREAN;
    private static final List<Locale> LOCALES = List.of(ENGLISH, KOREAN);
    /** The bundles, searched in this order; a key lives in exactly one of them (TranslationsTest). */
    public static final List<String> BUNDLES = List.of("i18n.messages", "i18n.coursework", "i18n.teams",
            "i18n.papers", "i18n.drafts", "i18n.members", "i18n.announcements", "i18n.gradebook",
            "i18n.attendance", "i18n.letters");
    private static final Logger LOG = Logger.getLogger(Translations.class);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale language = supported(locale);
        for (String name : BUNDLES) {
            ResourceBundle bundle = ResourceBundle.getBundle(name, language, NO_FALLBACK);
            if (bundle.containsKey(key)) {
                return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(params);
            }
        }
        LOG.warnf("Missing translation %s for %s", key, language);
        return "!" + key;
    }

    /** The supported locale closest to the given one: Korean for any Korean variant, English otherwise. */
    public static Locale supported(Locale locale) {
        return locale != null && KOREAN.getLanguage().equals(locale.getLanguage()) ? KOREAN : ENGLISH;
    }
}
