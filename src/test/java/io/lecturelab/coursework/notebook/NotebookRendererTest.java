package io.lecturelab.coursework.notebook;

import io.lecturelab.base.UserFacingException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Base64;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotebookRendererTest {

    /** Keys instead of texts, so tests can see which message was chosen. */
    private static final NotebookRenderer.Texts KEYS = (key, arguments) -> key;
    private static final Pattern OWN_CLASS = Pattern.compile(
            "nb-[a-z-]+|math-inline|math-display|language-(python|java|bash|json|javascript)");

    private static RenderedNotebook render(String resource) throws IOException {
        return render(resource, KEYS);
    }

    private static RenderedNotebook render(String resource, NotebookRenderer.Texts texts) throws IOException {
        try (InputStream in = NotebookRendererTest.class.getResourceAsStream("/notebooks/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new NotebookRenderer(texts).render(in);
        }
    }

    private static RenderedNotebook render(NotebookRenderer renderer, String json) throws IOException {
        return renderer.render(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Document parse(RenderedNotebook notebook) {
        return Jsoup.parseBodyFragment(notebook.html());
    }

    private static NotebookRenderer.Texts english() {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.coursework", Locale.ENGLISH);
        return (key, arguments) -> new MessageFormat(bundle.getString(key), Locale.ENGLISH).format(arguments);
    }

    private static void refused(String json, String key) {
        refused(new NotebookRenderer(KEYS), json, key);
    }

    private static void refused(NotebookRenderer renderer, String json, String key) {
        assertThatThrownBy(() -> render(renderer, json)).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo(key);
    }

    @Test
    void a_homework_notebook_shows_markdown_math_code_outputs_pictures_and_errors() throws IOException {
        RenderedNotebook notebook = render("homework1.ipynb");
        Document doc = parse(notebook);

        assertThat(notebook.language()).isEqualTo("python");
        assertThat(notebook.cells()).isEqualTo(7);
        assertThat(notebook.warnings()).isEmpty();

        // markdown: the page's own h1 stays the only one, the title is a lower heading
        assertThat(doc.select("h1, h2")).isEmpty();
        assertThat(doc.select("h3").first().text()).isEqualTo("Homework 1: Softmax classifier");
        assertThat(doc.select("span.math-display").first().wholeText())
                .isEqualTo("\\hat{y}_i = \\frac{\\exp(s_i)}{\\sum_{j=1}^{C} \\exp(s_j)}");
        assertThat(doc.select("span.math-inline").eachText()).contains("s = Wx + b",
                "L = -\\sum_i y_i \\log \\hat{y}_i", "90\\%");
        assertThat(doc.select(".nb-markdown table tbody tr")).hasSize(2);
        Element sketch = doc.selectFirst(".nb-markdown img");
        assertThat(sketch.attr("src")).startsWith("data:image/png;base64,");
        assertThat(sketch.attr("alt")).isEqualTo("network sketch");

        // code with execution counts, escaped, highlighted as Python
        assertThat(doc.select(".nb-input .nb-prompt").eachText())
                .containsExactly("In [1]:", "In [2]:", "In [3]:", "In [4]:", "In [ ]:");
        assertThat(doc.select("pre.nb-source code.language-python")).hasSize(5);
        assertThat(doc.select("pre.nb-source code").get(1).wholeText())
                .startsWith("def softmax(s):\n    e = np.exp(s - s.max(axis=1, keepdims=True))");

        // outputs
        assertThat(doc.select(".nb-stdout").first().text()).isEqualTo("numpy 1.26.4");
        assertThat(doc.select(".nb-result .nb-prompt").eachText()).containsExactly("Out [2]:");
        assertThat(doc.select(".nb-result pre.nb-text").first().text())
                .isEqualTo("array([[0.09003057, 0.24472847, 0.66524096]])");
        assertThat(doc.select(".nb-stdout").get(1).wholeText())
                .as("a progress line overwritten by \\r shows its last state")
                .isEqualTo("epoch 10/10 loss 0.4102\ndone\n");
        assertThat(doc.select(".nb-stderr").text()).contains("RuntimeWarning: overflow encountered in exp");
        Element plot = doc.selectFirst(".nb-result img.nb-image");
        assertThat(plot.attr("alt")).isEqualTo("notebook.image.alt");
        byte[] png = Base64.getDecoder().decode(plot.attr("src").substring("data:image/png;base64,".length()));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(doc.text()).doesNotContain("<Figure size");

        String traceback = doc.selectFirst(".nb-error pre").wholeText();
        assertThat(traceback).contains("NameError: name 'X_test' is not defined", "----> 1 accuracy(W, X_test, y_test)")
                .doesNotContain("\u001b", "[0;31m");
    }

    @Test
    void texts_come_in_the_readers_language() throws IOException {
        RenderedNotebook notebook = render("homework1.ipynb", english());
        assertThat(parse(notebook).selectFirst("img.nb-image[alt^=Output]").attr("alt"))
                .isEqualTo("Output picture of cell 4");
        RenderedNotebook hostile = render("hostile.ipynb", english());
        assertThat(hostile.warnings()).contains("One JavaScript output was not run.");
        assertThat(parse(hostile).text()).contains("JavaScript output not run.");
    }

    @Test
    void nothing_executable_survives_a_hostile_notebook() throws IOException {
        RenderedNotebook notebook = render("hostile.ipynb");
        Document doc = parse(notebook);

        assertThat(doc.select("script, iframe, object, embed, form, input, style, svg, base, meta, link")).isEmpty();
        for (Element element : doc.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
                assertThat(name).as(element.outerHtml()).doesNotStartWith("on").isNotIn("style", "id", "name",
                        "action", "formaction", "srcdoc");
                assertThat(value).as(element.outerHtml()).doesNotContain("javascript:", "vbscript:",
                        "data:text");
                if (name.equals("src")) {
                    assertThat(value).matches("data:image/(png|jpeg|gif);base64,[a-z0-9+/=]+");
                }
                if (name.equals("class")) {
                    for (String cssClass : element.classNames()) {
                        assertThat(cssClass).as(element.outerHtml()).matches(OWN_CLASS);
                    }
                }
            }
        }
        assertThat(doc.select("[class*=v-], [class*=lumo]")).isEmpty();
        assertThat(doc.select(".nb-markdown [class~=nb-cell]")).as("user content cannot pose as a cell").isEmpty();

        // what the student wrote is still there to read, as text
        assertThat(doc.text()).contains("Visible intro text.", "Click text stays", "bad link text", "md link",
                "mixed case", "stream text stays", "html output text stays", "html link text", "cell text",
                "markdown output text", "evalue text stays", "<script>alert('stream')</script>",
                "<img src=x onerror=alert('ename')>", "notebook.output.javascript",
                "notebook.output.badImage", "notebook.output.unsupported");
        assertThat(doc.selectFirst("pre.nb-source code").wholeText())
                .isEqualTo("print('</code></pre><script>alert(\"src\")</script>')");
        assertThat(doc.selectFirst("span.math-inline").wholeText())
                .isEqualTo("x_i</span><script>alert('math')</script>");
        assertThat(doc.selectFirst(".nb-code .nb-prompt").text()).isEqualTo("In [ ]:");
        assertThat(notebook.language()).isEmpty();
        assertThat(doc.select("pre.nb-source code[class]")).as("no language class for an unknown language").isEmpty();

        assertThat(doc.select("a:not([href])")).as("unsafe links become plain text").isEmpty();

        // a tracking picture is a link, not a request from the grader's browser
        assertThat(doc.select("a.nb-external-image").attr("href")).isEqualTo("https://evil.example/pixel.png");
        assertThat(notebook.warnings()).containsExactlyInAnyOrder("notebook.warning.externalImage",
                "notebook.warning.attachmentDropped", "notebook.warning.html", "notebook.warning.javascript",
                "notebook.warning.badImage", "notebook.warning.unsupportedOutput");
    }

    @Test
    void user_written_classes_and_ids_never_reach_the_page() throws IOException {
        Document doc = parse(render("hostile.ipynb"));
        for (Element element : doc.getAllElements()) {
            assertThat(element.id()).isEmpty();
            element.classNames().forEach(c -> assertThat(c).matches(OWN_CLASS));
        }
        assertThat(doc.select("code:containsOwn(fake class)").attr("class")).isEmpty();
        assertThat(doc.select("pre code:containsOwn(code with a fake language)").attr("class")).isEmpty();
    }

    @Test
    void broken_or_foreign_files_are_refused_with_a_reason() {
        refused("{\"cells\": [", "notebook.error.malformed");
        refused("not json at all", "notebook.error.malformed");
        refused("", "notebook.error.malformed");
        refused("{\"cells\": []} trailing", "notebook.error.malformed");
        refused("[1, 2, 3]", "notebook.error.notNotebook");
        refused("{\"name\": \"package.json\", \"version\": \"1.0.0\"}", "notebook.error.notNotebook");
        refused("{\"cells\": {\"a\": 1}, \"nbformat\": 4}", "notebook.error.notNotebook");
        refused("{\"cells\": [\"text\"], \"nbformat\": 4}", "notebook.error.notNotebook");
        refused("{\"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": [{\"cells\": []}]}",
                "notebook.error.oldFormat");
        refused("{\"cells\": [], \"nbformat\": 5}", "notebook.error.unsupportedVersion");
    }

    @Test
    void oversized_notebooks_are_refused_while_they_are_read() {
        var small = new NotebookRenderer(KEYS, new NotebookRenderer.Limits(1_000, 3, 2, 10_000, 1_000, 100, 1_000));
        refused(small, "{\"cells\": [], \"metadata\": {\"pad\": \"" + "x".repeat(2_000) + "\"}}",
                "notebook.error.tooLarge");
        String cell = "{\"cell_type\": \"markdown\", \"source\": \"hi\"}";
        refused(small, "{\"cells\": [" + String.join(",", cell, cell, cell, cell) + "]}",
                "notebook.error.tooManyCells");
        String output = "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"x\"}";
        refused(small, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"\", \"outputs\": ["
                + String.join(",", output, output, output) + "]}]}", "notebook.error.tooManyOutputs");
        var fewValues = new NotebookRenderer(KEYS, new NotebookRenderer.Limits(100_000, 10, 10, 100, 1_000, 100,
                1_000));
        refused(fewValues, "{\"cells\": [], \"metadata\": {\"a\": [" + "1,".repeat(500) + "1]}}",
                "notebook.error.tooComplex");
        refused("{\"cells\": []," + "[".repeat(500) + "]".repeat(500) + "}", "notebook.error.malformed");
        refused("{\"cells\": [], \"x\": " + "[".repeat(100) + "]".repeat(100) + "}", "notebook.error.tooComplex");
    }

    @Test
    void long_outputs_and_big_pictures_are_shortened_not_refused() throws IOException {
        var small = new NotebookRenderer(KEYS, new NotebookRenderer.Limits(100_000, 10, 10, 10_000, 100, 50, 120));
        String big = Base64.getEncoder().encodeToString(new byte[300]);
        RenderedNotebook notebook = render(small, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"x\","
                + " \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \""
                + "a".repeat(80) + "\"}, {\"output_type\": \"display_data\", \"data\": {\"image/png\": \"" + big
                + "\"}}, {\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"" + "b".repeat(60)
                + "\"}, {\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"" + "c".repeat(60)
                + "\"}]}], \"nbformat\": 4}");
        Document doc = parse(notebook);
        assertThat(doc.select(".nb-stdout pre").eachText()).containsExactly("a".repeat(50), "b".repeat(50));
        assertThat(doc.select("img")).isEmpty();
        assertThat(notebook.warnings()).containsExactly("notebook.warning.outputShortened",
                "notebook.warning.imageTooLarge", "notebook.warning.outputOmitted");
        assertThat(doc.text()).contains("notebook.output.shortened", "notebook.output.imageTooLarge",
                "notebook.output.omitted");
    }

    @Test
    void html_outputs_are_shown_only_when_there_is_no_plain_text() throws IOException {
        RenderedNotebook notebook = render(new NotebookRenderer(KEYS), "{\"cells\": [{\"cell_type\": \"code\","
                + " \"execution_count\": 7, \"source\": \"df\", \"outputs\": [{\"output_type\": \"execute_result\","
                + " \"execution_count\": 7, \"data\": {\"text/html\": \"<table><tr><td>1</td></tr></table>\","
                + " \"text/plain\": \"   a\\n0  1\"}}, {\"output_type\": \"display_data\", \"data\":"
                + " {\"text/html\": \"<table class=\\\"dataframe\\\"><tr><th>a</th></tr><tr><td>2</td></tr></table>\"}}]}],"
                + " \"metadata\": {\"language_info\": {\"name\": \"Python\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        Document doc = parse(notebook);
        assertThat(doc.select(".nb-result pre.nb-text").first().wholeText()).isEqualTo("   a\n0  1");
        assertThat(doc.select(".nb-html table td").text()).isEqualTo("2");
        assertThat(doc.select(".nb-html table").attr("class")).isEmpty();
        assertThat(notebook.language()).isEqualTo("python");
        assertThat(notebook.warnings()).containsExactly("notebook.warning.html");
    }

    @Test
    void helpers_strip_terminal_colours_and_escape_markup() {
        assertThat(NotebookRenderer.stripAnsi("\u001b[1;31mError\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007"))
                .isEqualTo("Error link");
        assertThat(NotebookRenderer.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(NotebookRenderer.carriageReturns("10%\r50%\r100%\nok")).isEqualTo("100%\nok");
    }
}
