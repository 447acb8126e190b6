package io.lecturelab.lecture;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LectureRendererTest {

    private static Document html(String markdown) {
        return Jsoup.parseBodyFragment(LectureRenderer.render(markdown).html());
    }

    private static List<String> math(Document doc, String cssClass) {
        return doc.select("span." + cssClass).stream().map(Element::wholeText).toList();
    }

    @Test
    void math_is_kept_byte_for_byte_although_markdown_would_mangle_it() {
        String softmax = "\\hat{y}_i = \\frac{\\exp(s_i)}{\\sum_{j=1}^2 \\exp(s_j)}";
        String matrix = "A = \\begin{pmatrix} a_1 & b_1 \\\\ a_2 & b_2 \\end{pmatrix} * x * y";
        Document doc = html("Softmax:\n\n$$" + softmax + "$$\n\nwith $\\hat{y}_i$ and $W_{ij} * x_{*}$ or "
                + "$a < b && c > d$.\n\n$$" + matrix + "$$\n");

        assertThat(math(doc, "math-display")).containsExactly(softmax, matrix);
        assertThat(math(doc, "math-inline")).containsExactly("\\hat{y}_i", "W_{ij} * x_{*}", "a < b && c > d");
        assertThat(doc.select("em, strong")).isEmpty();
    }

    @Test
    void dollars_in_code_and_prices_are_not_math() {
        Document doc = html("It costs $5 and $10.\n\n`echo $HOME $PATH`\n\n```bash\nexport A=$B_c$\n```\n");
        assertThat(doc.select("span.math-inline, span.math-display")).isEmpty();
        assertThat(doc.text()).contains("It costs $5 and $10.");
        assertThat(doc.select("code").get(0).text()).isEqualTo("echo $HOME $PATH");
        assertThat(doc.select("pre code.language-bash").text()).isEqualTo("export A=$B_c$");
    }

    @Test
    void the_sample_lecture_renders_its_tables_equations_and_links() {
        Document doc = html(SampleLecture.read(SampleLecture.RESOURCE));

        Element pixels = doc.select("table").stream().filter(t -> t.text().contains("[105")).findFirst().orElseThrow();
        assertThat(pixels.select("tbody tr")).hasSize(24);
        assertThat(pixels.select("tbody tr").first().select("td")).hasSize(16);
        assertThat(pixels.select("tbody tr").first().select("td").get(1).text()).isEqualTo("112");

        assertThat(math(doc, "math-display")).contains("f(x, W) = Wx", "s = f(x, W) = Wx",
                "\\hat{y}_i = \\frac{\\exp(s_i)}{\\sum_{j=1}^2 \\exp(s_j)}");
        assertThat(math(doc, "math-inline")).contains("\\hat{y}", "L(y, \\hat{y}) = -\\sum_{i=1}^2 y_i \\log \\hat{y}_i",
                "W \\leftarrow W - \\frac{\\partial L}{\\partial W}");
        Element yTable = doc.select("table").stream().filter(t -> t.select("th span.math-inline").size() == 2)
                .findFirst().orElseThrow();
        assertThat(yTable.select("tbody tr")).hasSize(2);
        assertThat(doc.select("pre code").text()).contains("torch.hub.load");
        assertThat(doc.select("a[href=mailto:kyungwoo.song@uos.ac.kr]")).hasSize(1);
        assertThat(doc.select("a[href=http://cs231n.stanford.edu/]")).isNotEmpty();
        assertThat(doc.text()).contains("비어 있는 시간은 모두 가능합니다.");
    }

    @Test
    void the_sample_lecture_reads_as_a_lecture_not_as_slide_text() {
        String markdown = SampleLecture.read(SampleLecture.RESOURCE);
        RenderedLecture rendered = LectureRenderer.render(markdown);
        Document doc = Jsoup.parseBodyFragment(rendered.html());

        assertThat(doc.select("h3").eachText()).contains("Course Overview", "Grading Policy", "Final Project", "Colab",
                "Google Colab 설치", "Research").anySatisfy(h -> assertThat(h).startsWith("AI는 어떻게 작동하나요?"));
        // each source is credited once, where its material is; no empty "Source:" lines, slide numbers or titles
        assertThat(doc.select("p").eachText()).noneMatch(p -> p.equals("Source:") || p.matches("\\d+"))
                .filteredOn(p -> p.startsWith("Source:")).hasSize(2);
        assertThat(markdown).containsOnlyOnce("Li et al. 2021").doesNotContain("< ").doesNotContain("\\\\_")
                .doesNotContain("## 1. Introduction");
        assertThat(rendered.parts()).filteredOn(RenderedLecture.Demo.class::isInstance).hasSize(4);
    }

    @Test
    void scripts_event_handlers_and_javascript_links_are_removed() {
        Document doc = html("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">x</a>\n\n"
                + "<iframe src=\"https://evil.example\"></iframe><span class=\"math-display\" style=\"x\">\\relax</span>\n\n"
                + "$x</span><script>alert(6)</script>$ and [y]($z\" onmouseover=\"alert(7)$)");
        String out = doc.body().html();
        assertThat(doc.select("script, iframe, [onerror], [onclick], [onmouseover], [style]")).isEmpty();
        assertThat(doc.select("a[href^=javascript]")).isEmpty();
        assertThat(out).doesNotContain("javascript:");
        // User-written classes do not reach the page, so only the renderer's own math elements exist.
        assertThat(doc.select("span.math-display")).isEmpty();
        assertThat(math(doc, "math-inline")).containsExactly("x</span><script>alert(6)</script>");
    }

    @Test
    void a_demo_block_with_a_json_preset_becomes_a_demo_part() {
        RenderedLecture rendered = LectureRenderer.render("Before $a_1$\n\n```demo\n{\"title\": \"Cat vs dog\", "
                + "\"classes\": [\"cat\", \"dog\"], \"learningRate\": 0.01}\n```\n\nAfter $b_2$\n\n```demo\nnot json\n```\n");
        assertThat(rendered.parts()).hasSize(3);
        assertThat(rendered.parts().get(1)).isInstanceOfSatisfying(RenderedLecture.Demo.class, demo -> {
            assertThat(demo.preset().title()).isEqualTo("Cat vs dog");
            assertThat(demo.preset().json()).contains("\"learningRate\":0.01");
        });
        assertThat(((RenderedLecture.Html) rendered.parts().get(0)).html()).contains("a_1");
        assertThat(((RenderedLecture.Html) rendered.parts().get(2)).html()).contains("b_2").contains("not json");
    }
}
