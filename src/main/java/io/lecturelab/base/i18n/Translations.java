package io.lecturelab.base.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.quarkus.annotation.VaadinServiceEnabled;
import com.vaadin.quarkus.annotation.VaadinServiceScoped;
import io.quarkus.arc.Unremovable;
import org.jboss.logging.Logger;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-facing string, from {@code i18n/messages_en.properties} and {@code i18n/messages_ko.properties}
 * (UTF-8), formatted with {@link MessageFormat} (so a literal apostrophe is written {@code ''} or as {@code ’}).
 * Unknown locales fall back to English.
 */
/** Looked up by Vaadin (hence the Vaadin qualifier and scope), never injected. */
@VaadinServiceEnabled
@VaadinServiceScoped
@Unremovable
public class Translations implements I18NProvider {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale KOREAN = Locale.KOREAN;
    private static final List<Locale> LOCALES = List.of(ENGLISH, KOREAN);
    private static final String BUNDLE = "i18n.messages";
    private static final Logger LOG = Logger.getLogger(Translations.class);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale), NO_FALLBACK);
        try {
            return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(params);
        } catch (MissingResourceException e) {
            LOG.warnf("Missing translation %s for %s", key, bundle.getLocale());
            return "!" + key;
        }
    }

    /** The supported locale closest to the given one: Korean for any Korean variant, English otherwise. */
    public static Locale supported(Locale locale) {
        return locale != null && KOREAN.getLanguage().equals(locale.getLanguage()) ? KOREAN : ENGLISH;
    }
}
