package io.lecturelab.lecture;

import io.lecturelab.base.Markdown;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report of raw HTML the sanitiser removes: what, on which line, and what text goes with it. */
class RemovedHtmlTest {

    @Test
    void an_unclosed_iframe_is_reported_with_its_line_and_everything_it_swallows() {
        String markdown = """
                # Week 3

                Intro paragraph.

                <iframe src="https://www.youtube.com/embed/abc" width="560">

                ## Softmax

                The scores become probabilities.
                """;
        List<Markdown.Removal> removals = LectureRenderer.removals(markdown);
        assertThat(removals).hasSize(1);
        Markdown.Removal iframe = removals.getFirst();
        assertThat(iframe.element()).isEqualTo("iframe");
        assertThat(iframe.line()).isEqualTo(5);
        assertThat(iframe.source()).startsWith("<iframe src=\"https://www.youtube.com/embed/abc\"");
        assertThat(iframe.lostText()).isEqualTo("Softmax The scores become probabilities.");
        assertThat(iframe.lostChars()).isEqualTo(iframe.lostText().length());
        // what readers get: the text before it only
        assertThat(LectureRenderer.render(markdown).html()).contains("Intro paragraph.").doesNotContain("Softmax");
    }

    @Test
    void a_script_loses_its_code_and_an_unknown_element_keeps_its_text() {
        List<Markdown.Removal> removals = LectureRenderer.removals(
                "Line one.\n\nSee <details>the hidden part</details> and <script>alert(1)</script> here.\n");
        assertThat(removals).extracting(Markdown.Removal::element).containsExactly("details", "script");
        assertThat(removals).extracting(Markdown.Removal::line).containsExactly(3, 3);
        assertThat(removals.get(0).lostChars()).isZero();
        assertThat(removals.get(1).lostText()).isEqualTo("alert(1)");
    }

    @Test
    void allowed_html_code_and_math_with_angle_brackets_are_not_reported() {
        assertThat(LectureRenderer.removals("""
                Plain *Markdown* with <b>bold</b>, <sub>2</sub> and a [link](https://example.org).

                `<iframe src=x>` in code, and math $a<b$ and $$x < y$$.

                ```html
                <script>not run</script>
                ```
                """)).isEmpty();
        assertThat(LectureRenderer.removals(null)).isEmpty();
    }

    @Test
    void lines_count_as_the_author_wrote_them_after_display_math_over_several_lines() {
        String markdown = "$$\na\n+ b\n$$\n\ntext\n\n<video src=\"v.mp4\">clip</video>\n";
        List<Markdown.Removal> removals = LectureRenderer.removals(markdown);
        assertThat(removals).singleElement().satisfies(video -> {
            assertThat(video.element()).isEqualTo("video");
            assertThat(video.line()).isEqualTo(8);
        });
    }

    @Test
    void a_comment_left_open_is_reported_with_what_it_hides() {
        List<Markdown.Removal> removals = Markdown.removals("Before.\n\n<!-- note to self\n\n## Hidden heading\n\n"
                + "Hidden text.\n");
        assertThat(removals).singleElement().satisfies(comment -> {
            assertThat(comment.element()).isEqualTo("!--");
            assertThat(comment.line()).isEqualTo(3);
            assertThat(comment.lostText()).contains("Hidden heading").contains("Hidden text.");
        });
        assertThat(Markdown.removals("Before. <!-- a closed note --> after.\n\n<!-- block note -->\n")).isEmpty();
    }

    @Test
    void math_inside_the_swallowed_text_is_shown_as_written() {
        List<Markdown.Removal> removals = LectureRenderer.removals("<iframe src=x>\n\nThe loss $L = -\\log p$.\n");
        assertThat(removals).singleElement().satisfies(iframe ->
                assertThat(iframe.lostText()).isEqualTo("The loss $L = -\\log p$."));
    }
}
