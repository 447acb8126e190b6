package io.lecturelab.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

    @Test
    void tables_links_and_korean_text_are_rendered() {
        String html = Markdown.toSafeHtml("| 항목 | 비율 |\n|---|---|\n| 출석 | 10% |\n\n<https://cs231n.stanford.edu/>");
        assertThat(html).contains("<table>", "<td>출석</td>", "<td>10%</td>")
                .contains("href=\"https://cs231n.stanford.edu/\"", "rel=\"noopener noreferrer nofollow\"");
    }

    @Test
    void script_handlers_javascript_links_and_foreign_classes_are_removed() {
        String html = Markdown.toSafeHtml("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) <span class=\"math-display\">x</span>\n\n```python\nprint(1)\n```");
        assertThat(html).doesNotContain("<script", "onerror", "javascript:", "math-display")
                .contains("<code class=\"language-python\">");
    }
}
