package io.lecturelab.coursework.notebook;

import io.lecturelab.base.LimitedInputStream;
import io.lecturelab.base.Markdown;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.lecture.LectureRenderer;
import io.lecturelab.lecture.RenderedLecture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jupyter notebook (nbformat 4) as safe HTML, read as a stream within {@link Limits}: the file's size, the number
 * of cells, outputs and JSON values, the size of each picture and of the text shown are all bounded, so a huge or
 * hostile notebook is refused or shortened instead of filling the server's memory or the grader's browser.
 *
 * <p>Markdown (in cells and {@code text/markdown} outputs) goes through {@link LectureRenderer}, so math is typeset
 * exactly as in lectures. HTML outputs go through {@link Markdown#sanitize} and only when no plain-text version
 * exists; JavaScript is never run. Pictures are decoded, checked by their magic bytes and re-encoded as
 * {@code data:} URIs; pictures from other websites are not loaded (a link is shown instead) so that opening a
 * notebook tells no one that a grader read it. Every class attribute is the renderer's own ({@code nb-…}, plus the
 * typesetter's {@code math-inline}, {@code math-display} and {@code language-…} for known languages); ids are removed.
 *
 * <p>Thread-safe; one instance may render many notebooks.
 */
public final class NotebookRenderer {

    /** Texts in the reader's language, e.g. {@code component::getTranslation}. */
    @FunctionalInterface
    public interface Texts {
        String text(String key, Object... arguments);
    }

    /**
     * @param maxBytes            largest file read ({@code notebook.error.tooLarge})
     * @param maxCells            most cells ({@code notebook.error.tooManyCells})
     * @param maxOutputs          most outputs of all cells together ({@code notebook.error.tooManyOutputs})
     * @param maxJsonValues       most JSON tokens in the file ({@code notebook.error.tooComplex})
     * @param maxImageBytes       largest picture shown (decoded); larger ones are left out with a note
     * @param maxOutputChars      longest text of one output; longer ones are cut with a note
     * @param maxTotalOutputChars text of all outputs together; later outputs are left out with a note
     */
    public record Limits(long maxBytes, int maxCells, int maxOutputs, long maxJsonValues, int maxImageBytes,
                         int maxOutputChars, int maxTotalOutputChars) {

        public static final Limits DEFAULT = new Limits(20L << 20, 2_000, 10_000, 2_000_000, 5 << 20, 100_000,
                2_000_000);
    }

    /** Languages the browser's highlighter knows (see lecture-content.ts); others get no language class. */
    private static final Set<String> HIGHLIGHTED = Set.of("python", "java", "bash", "json", "javascript");
    private static final Set<String> MATH_CLASSES = Set.of("math-inline", "math-display");
    private static final Pattern ANSI = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])");
    private static final Pattern CONTROL = Pattern.compile("[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]");
    private static final Pattern ATTACHMENT_REF =
            Pattern.compile("(\\]\\(\\s*<?|src\\s*=\\s*[\"']?)attachment:([^\\s)\"'<>]+)");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z0-9+#._-]{1,32}");
    private static final Map<String, byte[]> IMAGE_MAGIC = Map.of(
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff},
            "image/gif", new byte[] {'G', 'I', 'F', '8'});
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Texts texts;
    private final Limits limits;
    private final JsonMapper json;

    public NotebookRenderer(Texts texts) {
        this(texts, Limits.DEFAULT);
    }

    public NotebookRenderer(Texts texts, Limits limits) {
        this.texts = texts;
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxTokenCount(limits.maxJsonValues())
                .build();
        // cells are read one at a time from one parser; the end of the file is checked by hand
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * Reads the notebook to its end (and closes the stream).
     *
     * @throws UserFacingException {@code notebook.error.tooLarge}, {@code .tooManyCells}, {@code .tooManyOutputs},
     *                             {@code .tooComplex}, {@code .malformed} (not JSON), {@code .notNotebook} (JSON but
     *                             no cells), {@code .oldFormat} (nbformat 3 or older), {@code .unsupportedVersion}
     * @throws IOException         when the stream itself fails
     */
    public RenderedNotebook render(InputStream in) throws IOException {
        InputStream limited = new LimitedInputStream(in, limits.maxBytes(),
                () -> new UserFacingException("notebook.error.tooLarge", megabytes(limits.maxBytes())));
        try (JsonParser parser = json.createParser(limited)) {
            return new Run().read(parser);
        } catch (StreamConstraintsException e) {
            throw refusal("notebook.error.tooComplex", e);
        } catch (JacksonIOException e) {
            throw e.getCause() != null ? e.getCause() : new IOException(e);
        } catch (JacksonException e) {
            throw refusal("notebook.error.malformed", e);
        }
    }

    private static UserFacingException refusal(String key, Exception cause) {
        UserFacingException refusal = new UserFacingException(key);
        refusal.initCause(cause);
        return refusal;
    }

    private static String megabytes(long bytes) {
        return String.valueOf(bytes >> 20);
    }

    /** The state of one rendering. */
    private final class Run {

        private final List<Function<String, String>> parts = new ArrayList<>();
        private final Map<String, Integer> warnings = new LinkedHashMap<>();
        private String language = "";
        private int cells;
        private int outputs;
        private long outputChars;

        RenderedNotebook read(JsonParser parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UserFacingException("notebook.error.malformed");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new UserFacingException("notebook.error.notNotebook");
            }
            boolean hasCells = false;
            boolean worksheets = false;
            Integer nbformat = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "cells" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new UserFacingException("notebook.error.notNotebook");
                        }
                        hasCells = true;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            if (++cells > limits.maxCells()) {
                                throw new UserFacingException("notebook.error.tooManyCells", limits.maxCells());
                            }
                            cell(json.readTree(parser));
                        }
                    }
                    case "metadata" -> metadata(parser, value);
                    case "nbformat" -> nbformat = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
                    case "worksheets" -> {
                        worksheets = true;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new UserFacingException("notebook.error.malformed");
            }
            if (worksheets || nbformat != null && nbformat >= 0 && nbformat < 4) {
                throw new UserFacingException("notebook.error.oldFormat");
            }
            if (nbformat != null && nbformat != 4) {
                throw new UserFacingException("notebook.error.unsupportedVersion", String.valueOf(nbformat));
            }
            if (!hasCells) {
                throw new UserFacingException("notebook.error.notNotebook");
            }
            StringBuilder html = new StringBuilder();
            parts.forEach(part -> html.append(part.apply(language)));
            List<String> messages = new ArrayList<>();
            warnings.forEach((key, count) -> messages.add(warning(key, count)));
            return new RenderedNotebook(html.toString(), language, cells, messages);
        }

        private String warning(String key, int count) {
            return switch (key) {
                case "notebook.warning.imageTooLarge" -> texts.text(key, count, megabytes(limits.maxImageBytes()));
                default -> texts.text(key, count);
            };
        }

        private void warn(String key) {
            warnings.merge(key, 1, Integer::sum);
        }

        /** Reads only the language from the metadata, skipping everything else (widget state can be large). */
        private void metadata(JsonParser parser, JsonToken value) {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            String kernelLanguage = "";
            String infoName = "";
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("kernelspec") || name.equals("language_info")) {
                    JsonNode node = json.readTree(parser);
                    if (name.equals("kernelspec")) {
                        kernelLanguage = string(node.get("language"));
                    } else {
                        infoName = string(node.get("name"));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            String stated = (infoName.isBlank() ? kernelLanguage : infoName).strip().toLowerCase(Locale.ROOT);
            language = LANGUAGE.matcher(stated).matches() ? stated : "";
        }

        private void cell(JsonNode cell) {
            if (cell == null || !cell.isObject()) {
                throw new UserFacingException("notebook.error.notNotebook");
            }
            int number = cells;
            String source = clean(string(cell.get("source")));
            switch (string(cell.get("cell_type"))) {
                case "markdown" -> {
                    String html = "<div class=\"nb-cell nb-markdown\">" + markdown(source, cell.get("attachments"))
                            + "</div>";
                    parts.add(lang -> html);
                }
                case "code" -> {
                    JsonNode count = cell.get("execution_count");
                    String prompt = count != null && count.isIntegralNumber() ? String.valueOf(count.asLong()) : " ";
                    StringBuilder out = new StringBuilder();
                    JsonNode list = cell.get("outputs");
                    if (list != null && list.isArray()) {
                        for (JsonNode output : list) {
                            if (++outputs > limits.maxOutputs()) {
                                throw new UserFacingException("notebook.error.tooManyOutputs", limits.maxOutputs());
                            }
                            out.append(output(output, number));
                        }
                    }
                    String outputsHtml = out.isEmpty() ? "" : "<div class=\"nb-outputs\">" + out + "</div>";
                    parts.add(lang -> "<div class=\"nb-cell nb-code\"><div class=\"nb-input\">"
                            + "<div class=\"nb-prompt\">In [" + escape(prompt) + "]:</div>"
                            + "<pre class=\"nb-source\"><code" + (HIGHLIGHTED.contains(lang)
                            ? " class=\"language-" + lang + "\"" : "") + ">" + escape(source) + "</code></pre></div>"
                            + outputsHtml + "</div>");
                }
                case "raw" -> {
                    String html = "<div class=\"nb-cell nb-raw\"><pre class=\"nb-text\">" + escape(source)
                            + "</pre></div>";
                    parts.add(lang -> html);
                }
                default -> warn("notebook.warning.unknownCell");
            }
        }

        private String output(JsonNode output, int cell) {
            if (output == null || !output.isObject()) {
                warn("notebook.warning.unsupportedOutput");
                return "";
            }
            String type = string(output.get("output_type"));
            return switch (type) {
                case "stream" -> {
                    boolean stderr = "stderr".equals(string(output.get("name")));
                    yield "<div class=\"nb-output nb-stream " + (stderr ? "nb-stderr" : "nb-stdout") + "\">"
                            + text(carriageReturns(stripAnsi(string(output.get("text"))))) + "</div>";
                }
                case "execute_result", "display_data" -> {
                    JsonNode count = output.get("execution_count");
                    String prompt = "execute_result".equals(type) && count != null && count.isIntegralNumber()
                            ? "<div class=\"nb-prompt\">Out [" + count.asLong() + "]:</div>" : "";
                    yield "<div class=\"nb-output nb-result\">" + prompt + data(output.get("data"), cell) + "</div>";
                }
                case "error" -> {
                    StringBuilder trace = new StringBuilder();
                    JsonNode traceback = output.get("traceback");
                    if (traceback != null && traceback.isArray() && !traceback.isEmpty()) {
                        for (JsonNode line : traceback) {
                            trace.append(string(line)).append('\n');
                        }
                    } else {
                        trace.append(string(output.get("ename"))).append(": ").append(string(output.get("evalue")));
                    }
                    yield "<div class=\"nb-output nb-error\">" + text(stripAnsi(trace.toString()).stripTrailing())
                            + "</div>";
                }
                default -> unsupported(type);
            };
        }

        /** One output's MIME bundle: a picture first, then Markdown, plain text, sanitised HTML, in that order. */
        private String data(JsonNode data, int cell) {
            if (data == null || !data.isObject() || data.isEmpty()) {
                return "";
            }
            for (String mime : List.of("image/png", "image/jpeg")) {
                if (data.has(mime)) {
                    return image(mime, string(data.get(mime)), texts.text("notebook.image.alt", cell));
                }
            }
            if (data.has("text/markdown")) {
                return "<div class=\"nb-rich\">" + markdown(budgeted(clean(string(data.get("text/markdown")))), null)
                        + "</div>";
            }
            if (data.has("text/plain")) {
                return text(stripAnsi(string(data.get("text/plain"))));
            }
            if (data.has("text/html")) {
                warn("notebook.warning.html");
                return "<div class=\"nb-rich nb-html\">" + html(budgeted(clean(string(data.get("text/html")))))
                        + "</div>";
            }
            if (data.has("application/javascript")) {
                warn("notebook.warning.javascript");
                return note(texts.text("notebook.output.javascript"));
            }
            if (data.has("text/latex")) {
                return text(string(data.get("text/latex")));
            }
            return unsupported(data.propertyNames().iterator().next());
        }

        private String unsupported(String type) {
            warn("notebook.warning.unsupportedOutput");
            return note(texts.text("notebook.output.unsupported", type.length() > 60 ? type.substring(0, 60) : type));
        }

        private String image(String mime, String base64, String alt) {
            Picture picture = decodeImage(mime, base64);
            if (picture.dataUri() == null) {
                warn(picture.problem().equals("notebook.output.imageTooLarge") ? "notebook.warning.imageTooLarge"
                        : "notebook.warning.badImage");
                return note(texts.text(picture.problem(), megabytes(limits.maxImageBytes())));
            }
            return "<img class=\"nb-image\" src=\"" + picture.dataUri() + "\" alt=\"" + escape(alt) + "\">";
        }

        /** A checked, re-encoded picture, or the key of a note saying why there is none. */
        private Picture decodeImage(String mime, String base64) {
            String compact = base64.replaceAll("\\s+", "");
            if ((long) compact.length() * 3 / 4 > limits.maxImageBytes()) {
                return new Picture(null, "notebook.output.imageTooLarge");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(compact);
            } catch (IllegalArgumentException e) {
                return new Picture(null, "notebook.output.badImage");
            }
            byte[] magic = IMAGE_MAGIC.get(mime);
            if (magic == null || bytes.length < magic.length
                    || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
                return new Picture(null, "notebook.output.badImage");
            }
            return new Picture("data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes), null);
        }

        /** Escaped text in a box, cut to the per-output and total limits. */
        private String text(String value) {
            String shown = budgeted(clean(value));
            if (shown == null) {
                return note(texts.text("notebook.output.omitted"));
            }
            String cut = "";
            if (shown.length() > limits.maxOutputChars()) {
                warn("notebook.warning.outputShortened");
                cut = note(texts.text("notebook.output.shortened", shown.length() - limits.maxOutputChars()));
                shown = shown.substring(0, limits.maxOutputChars());
            }
            return "<pre class=\"nb-text\">" + escape(shown) + "</pre>" + cut;
        }

        /** The text if the total output budget allows it, else {@code null} (and a warning). */
        private String budgeted(String value) {
            long size = Math.min(value.length(), limits.maxOutputChars());
            if (outputChars + size > limits.maxTotalOutputChars()) {
                warn("notebook.warning.outputOmitted");
                return null;
            }
            outputChars += size;
            return value;
        }

        private String markdown(String source, JsonNode attachments) {
            if (source == null) {
                return note(texts.text("notebook.output.omitted"));
            }
            String token = "https://nb-" + HexFormat.of().formatHex(RANDOM.generateSeed(6)) + ".invalid/";
            List<String> names = new ArrayList<>();
            Matcher matcher = ATTACHMENT_REF.matcher(source);
            String replaced = matcher.replaceAll(m -> {
                names.add(m.group(2));
                return Matcher.quoteReplacement(m.group(1) + token + (names.size() - 1));
            });
            StringBuilder html = new StringBuilder();
            for (RenderedLecture.Part part : LectureRenderer.render(replaced).parts()) {
                if (part instanceof RenderedLecture.Html h) {
                    html.append(h.html());
                } else if (part instanceof RenderedLecture.Demo demo) {
                    html.append("<pre><code class=\"language-json\">").append(escape(demo.preset().json()))
                            .append("</code></pre>");
                }
            }
            return tidy(html.toString(), token, url -> attachment(names, attachments, token, url));
        }

        private String html(String source) {
            if (source == null) {
                return note(texts.text("notebook.output.omitted"));
            }
            return tidy(Markdown.sanitize(source), null, url -> null);
        }

        /** The data URI of a cell attachment referred to by the token URL, or {@code null} (and a warning). */
        private String attachment(List<String> names, JsonNode attachments, String token, String url) {
            if (attachments == null || !attachments.isObject()) {
                return null;
            }
            String name = names.get(Integer.parseInt(url.substring(token.length())));
            JsonNode bundle = attachments.get(name);
            if (bundle == null) {
                bundle = attachments.get(URLDecoder.decode(name, StandardCharsets.UTF_8));
            }
            if (bundle == null || !bundle.isObject()) {
                return null;
            }
            for (String mime : List.of("image/png", "image/jpeg", "image/gif")) {
                if (bundle.has(mime)) {
                    return decodeImage(mime, string(bundle.get(mime))).dataUri();
                }
            }
            return null;
        }

        /**
         * Makes sanitised HTML the renderer's own: headings moved two levels down (the page has its own h1 and h2),
         * ids and foreign classes removed, attachments inlined, pictures from elsewhere turned into links.
         */
        private String tidy(String safeHtml, String token, Function<String, String> attachments) {
            Document doc = Jsoup.parseBodyFragment(safeHtml);
            doc.outputSettings().prettyPrint(false);
            for (Element element : doc.body().select("*")) {
                if (element == doc.body()) {
                    continue;
                }
                element.removeAttr("id");
                element.removeAttr("style");
                String tag = element.tagName();
                if (tag.matches("h[1-6]")) {
                    element.tagName("h" + Math.min(6, tag.charAt(1) - '0' + 2));
                }
                if (element.hasAttr("class")) {
                    Set<String> classes = element.classNames();
                    boolean keep = tag.equals("span") ? MATH_CLASSES.containsAll(classes) && classes.size() == 1
                            : tag.equals("code") && classes.size() == 1
                            && HIGHLIGHTED.stream().anyMatch(l -> classes.contains("language-" + l));
                    if (!keep) {
                        element.removeAttr("class");
                    }
                }
                boolean attachment = token != null && element.attr(tag.equals("img") ? "src" : "href").startsWith(token);
                if (tag.equals("img")) {
                    image(element, attachment ? attachments.apply(element.attr("src")) : null, attachment);
                } else if (tag.equals("a") && attachment) {
                    warn("notebook.warning.attachmentDropped");
                    element.unwrap();
                } else if (tag.equals("a") && !element.hasAttr("href")) {
                    element.unwrap(); // its link was not safe; the text stays
                }
            }
            return doc.body().html();
        }

        /** An attachment inlined (or dropped), a picture from elsewhere turned into a link, any other one dropped. */
        private void image(Element img, String attachmentUri, boolean attachment) {
            String src = img.attr("src");
            String alt = img.attr("alt");
            if (attachmentUri != null) {
                img.attr("src", attachmentUri).addClass("nb-image");
            } else if (attachment) {
                warn("notebook.warning.attachmentDropped");
                img.replaceWith(new TextNode(alt));
            } else if (src.startsWith("https://") || src.startsWith("http://")) {
                warn("notebook.warning.externalImage");
                Element link = new Element("a").attr("href", src).attr("rel", "noopener noreferrer nofollow")
                        .addClass("nb-external-image");
                link.text(alt.isBlank() ? src : alt);
                img.replaceWith(link);
            } else if (alt.isBlank()) {
                img.remove();
            } else {
                img.replaceWith(new TextNode(alt));
            }
        }

        private String note(String message) {
            return "<p class=\"nb-note\">" + escape(message) + "</p>";
        }
    }

    /** A picture as a {@code data:} URI built from its decoded bytes, or the key of the reason it is not shown. */
    private record Picture(String dataUri, String problem) {
    }

    /** A string, or the strings of an array joined (nbformat stores multi-line text both ways); else empty. */
    private static String string(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode line : node) {
                if (line.isString()) {
                    joined.append(line.stringValue());
                }
            }
            return joined.toString();
        }
        return "";
    }

    /** Line ends as {@code \n}, and no control characters other than tab and newline. */
    private static String clean(String text) {
        return CONTROL.matcher(text.replace("\r\n", "\n")).replaceAll("");
    }

    static String stripAnsi(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /** What a terminal shows for progress bars: each line keeps only what came after its last carriage return. */
    static String carriageReturns(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            out.append(trimmed.substring(trimmed.lastIndexOf('\r') + 1)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
