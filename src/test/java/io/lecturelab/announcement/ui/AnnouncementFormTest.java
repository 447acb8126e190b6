package io.lecturelab.announcement.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.lecturelab.announcement.AnnouncementDraft;
import io.lecturelab.base.i18n.Translations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The announcement form in a simulated browser: HTML that the sanitiser removes is shown, and saving it asks. */
class AnnouncementFormTest {

    private final List<AnnouncementDraft> saved = new ArrayList<>();

    @BeforeEach
    void setUp() {
        System.setProperty("vaadin.i18n.provider", Translations.class.getName());
        MockVaadin.setup();
        UI.getCurrent().setLocale(Locale.KOREAN);
        UI.getCurrent().add(new AnnouncementForm("a", Optional.empty(), false, (draft, email) -> saved.add(draft),
                null));
        _get(TextField.class, spec -> spec.withId("a-title")).setValue("팀 구성 안내");
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void text_without_removed_html_is_saved_at_once() {
        _get(TextArea.class, spec -> spec.withId("a-body")).setValue("2~3명에서 한팀, $x^2$ <b>굵게</b>");
        _click(_get(Button.class, spec -> spec.withId("a-save")));

        assertThat(saved).hasSize(1);
        assertThat(_find(ConfirmDialog.class)).isEmpty();
        assertThat(_find(Div.class, spec -> spec.withId("a-sanitizer-report"))).as("the report is hidden").isEmpty();
    }

    @Test
    void an_unclosed_iframe_is_reported_and_saving_it_asks_once_per_text() {
        String text = "첫 줄\n\n<iframe src=\"https://example.org\">\n\n팀 구성은 다음 주에 공지합니다.";
        _get(TextArea.class, spec -> spec.withId("a-body")).setValue(text);
        _click(_get(Button.class, spec -> spec.withId("a-preview")));
        Div report = _get(Div.class, spec -> spec.withId("a-sanitizer-report"));
        assertThat(report.isVisible()).isTrue();
        assertThat(report.getElement().getTextRecursively()).contains("iframe").contains("팀 구성은 다음 주에 공지합니다");

        _click(_get(Button.class, spec -> spec.withId("a-save")));
        assertThat(saved).as("nothing is saved before the author agrees").isEmpty();
        ConfirmDialog ask = _get(ConfirmDialog.class);
        ComponentUtil.fireEvent(ask, new ConfirmDialog.ConfirmEvent(ask, false));
        assertThat(saved).extracting(AnnouncementDraft::body).containsExactly(text);

        _click(_get(Button.class, spec -> spec.withId("a-save")));
        assertThat(saved).as("the same text is not asked about twice").hasSize(2);
    }
}
