package io.lecturelab.lecture;

import io.lecturelab.base.Markdown;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lecture Markdown to safe HTML. TeX between {@code $...$} and {@code $$...$$} is taken out before Markdown sees it
 * (Markdown would read its underscores as emphasis and eat its backslashes), the rest goes through CommonMark with
 * tables and an allow-list sanitiser, and the TeX comes back byte for byte as the text of
 * {@code <span class="math-inline">} / {@code <span class="math-display">} for KaTeX in the browser. A top-level
 * fenced {@code demo} block with a JSON preset becomes a {@link RenderedLecture.Demo} part.
 */
public final class LectureRenderer {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DEMO_LANGUAGE = "demo";

    private LectureRenderer() {
    }

    public static RenderedLecture render(String markdown) {
        Protected text = protectMath(markdown == null ? "" : markdown.replace("\r\n", "\n"));
        List<RenderedLecture.Part> parts = new ArrayList<>();
        for (Object piece : pieces(Markdown.parse(text.markdown()))) {
            if (piece instanceof DemoPreset preset) {
                parts.add(new RenderedLecture.Demo(preset));
            } else {
                parts.add(new RenderedLecture.Html(restoreMath(Markdown.sanitize((String) piece), text)));
            }
        }
        return new RenderedLecture(List.copyOf(parts));
    }

    /**
     * The raw HTML that rendering this lecture removes (see {@link Markdown.Removal}), with the lines as the author
     * wrote them and math shown as written.
     */
    public static List<Markdown.Removal> removals(String markdown) {
        Protected text = protectMath(markdown == null ? "" : markdown.replace("\r\n", "\n"));
        Node document = Markdown.parse(text.markdown());
        Markdown.RawHtml raw = Markdown.rawHtml(document);
        List<Markdown.Removal> found = new ArrayList<>(raw.openComments());
        for (Object piece : pieces(document)) {
            if (piece instanceof String html) {
                found.addAll(Markdown.removals(html, raw));
            }
        }
        int[] shift = lineShift(text);
        return Markdown.byLine(found.stream().map(r -> new Markdown.Removal(r.element(),
                r.line() <= 0 ? 0 : r.line() + shift[Math.min(r.line(), shift.length - 1)],
                restoreMathText(r.source(), text), restoreMathText(r.lostText(), text), r.lostChars())).toList());
    }

    /**
     * The document as unsanitised HTML pieces ({@code String}) with the demos ({@link DemoPreset}) between them; each
     * HTML piece is sanitised on its own, as a whole.
     */
    private static List<Object> pieces(Node document) {
        List<Object> pieces = new ArrayList<>();
        StringBuilder html = new StringBuilder();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof FencedCodeBlock code && DEMO_LANGUAGE.equals(language(code))) {
                var preset = DemoPreset.parse(code.getLiteral());
                if (preset != null) {
                    if (!html.isEmpty()) {
                        pieces.add(html.toString());
                        html.setLength(0);
                    }
                    pieces.add(preset);
                    continue;
                }
            }
            html.append(Markdown.toHtml(node));
        }
        if (!html.isEmpty()) {
            pieces.add(html.toString());
        }
        return pieces;
    }

    /**
     * For each line of the protected text (1 for the first), how many lines further down it is in the author's text:
     * display math over several lines became one token.
     */
    private static int[] lineShift(Protected text) {
        String[] lines = text.markdown().split("\n", -1);
        int[] shift = new int[lines.length + 2];
        Pattern tokens = Pattern.compile(Pattern.quote(text.token()) + "(\\d+)Z");
        int extra = 0;
        for (int i = 0; i < lines.length; i++) {
            shift[i + 1] = extra;
            Matcher m = tokens.matcher(lines[i]);
            while (m.find()) {
                extra += (int) text.sources().get(Integer.parseInt(m.group(1))).chars().filter(c -> c == '\n').count();
            }
        }
        shift[lines.length + 1] = extra;
        return shift;
    }

    private static String restoreMathText(String value, Protected text) {
        if (text.sources().isEmpty() || value.isEmpty()) {
            return value;
        }
        return Pattern.compile(Pattern.quote(text.token()) + "(\\d+)Z").matcher(value)
                .replaceAll(r -> Matcher.quoteReplacement(source(text, Integer.parseInt(r.group(1)))));
    }

    private static String language(FencedCodeBlock code) {
        String info = code.getInfo() == null ? "" : code.getInfo().strip();
        int space = info.indexOf(' ');
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    // --- math ---------------------------------------------------------------------------------------------------

    private record Protected(String markdown, String token, List<String> sources, List<Boolean> display) {
    }

    /** Replaces each math span outside code with a token Markdown leaves alone. */
    static Protected protectMath(String markdown) {
        String token = "MATHX" + HexFormat.of().formatHex(RANDOM.generateSeed(6)).toUpperCase(Locale.ROOT) + "Q";
        List<String> sources = new ArrayList<>();
        List<Boolean> display = new ArrayList<>();
        StringBuilder out = new StringBuilder(markdown.length());
        StringBuilder chunk = new StringBuilder();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher matcher = FENCE.matcher(line);
            if (fence == null && matcher.matches()) {
                out.append(protectChunk(chunk.toString(), token, sources, display));
                chunk.setLength(0);
                fence = matcher.group(1);
                out.append(line).append('\n');
            } else if (fence != null) {
                out.append(line).append('\n');
                String stripped = line.strip();
                char fenceChar = fence.charAt(0);
                if (stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fenceChar)) {
                    fence = null;
                }
            } else {
                chunk.append(line).append('\n');
            }
        }
        out.append(protectChunk(chunk.toString(), token, sources, display));
        if (!markdown.endsWith("\n") && !out.isEmpty()) {
            out.setLength(out.length() - 1);
        }
        return new Protected(out.toString(), token, sources, display);
    }

    private static String protectChunk(String text, String token, List<String> sources, List<Boolean> display) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int run = run(text, i, '`');
                int close = findBacktickClose(text, i + run, run);
                int end = close < 0 ? i + run : close + run;
                out.append(text, i, end);
                i = end;
            } else if (c == '$' && text.startsWith("$$", i)) {
                int close = text.indexOf("$$", i + 2);
                if (close > i + 2) {
                    out.append(placeholder(token, sources, display, text.substring(i + 2, close), true));
                    i = close + 2;
                } else {
                    out.append("$$");
                    i += 2;
                }
            } else if (c == '$') {
                int close = inlineClose(text, i + 1);
                if (close > 0) {
                    out.append(placeholder(token, sources, display, text.substring(i + 1, close), false));
                    i = close + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The closing {@code $} of inline math: same line, no space just inside, no digit just after. */
    private static int inlineClose(String text, int from) {
        if (from >= text.length() || Character.isWhitespace(text.charAt(from))) {
            return -1;
        }
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == '\\') {
                j++;
            } else if (c == '$') {
                boolean spaceBefore = Character.isWhitespace(text.charAt(j - 1));
                boolean digitAfter = j + 1 < text.length() && Character.isDigit(text.charAt(j + 1));
                return j > from && !spaceBefore && !digitAfter ? j : -1;
            }
        }
        return -1;
    }

    private static int run(String text, int from, char c) {
        int j = from;
        while (j < text.length() && text.charAt(j) == c) {
            j++;
        }
        return j - from;
    }

    private static int findBacktickClose(String text, int from, int length) {
        int j = from;
        while (j < text.length()) {
            if (text.charAt(j) == '`') {
                int run = run(text, j, '`');
                if (run == length) {
                    return j;
                }
                j += run;
            } else {
                j++;
            }
        }
        return -1;
    }

    private static String placeholder(String token, List<String> sources, List<Boolean> display, String tex,
                                      boolean isDisplay) {
        sources.add(tex);
        display.add(isDisplay);
        return token + (sources.size() - 1) + "Z";
    }

    /** Puts the TeX back as text of math elements (in text) or as the original source (in attributes). */
    private static String restoreMath(String safeHtml, Protected text) {
        if (text.sources().isEmpty()) {
            return safeHtml;
        }
        Pattern tokens = Pattern.compile(Pattern.quote(text.token()) + "(\\d+)Z");
        Document doc = Jsoup.parseBodyFragment(safeHtml);
        doc.outputSettings().prettyPrint(false);
        List<TextNode> textNodes = new ArrayList<>();
        NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
            if (node instanceof TextNode t && tokens.matcher(t.getWholeText()).find()) {
                textNodes.add(t);
            } else if (node instanceof Element e) {
                for (Attribute attribute : e.attributes()) {
                    Matcher m = tokens.matcher(attribute.getValue());
                    if (m.find()) {
                        attribute.setValue(m.reset().replaceAll(r -> Matcher.quoteReplacement(source(text,
                                Integer.parseInt(r.group(1))))));
                    }
                }
            }
        }, doc.body());
        for (TextNode node : textNodes) {
            String whole = node.getWholeText();
            Matcher m = tokens.matcher(whole);
            int last = 0;
            List<org.jsoup.nodes.Node> replacement = new ArrayList<>();
            while (m.find()) {
                if (m.start() > last) {
                    replacement.add(new TextNode(whole.substring(last, m.start())));
                }
                int index = Integer.parseInt(m.group(1));
                Element math = new Element("span")
                        .addClass(text.display().get(index) ? "math-display" : "math-inline");
                math.appendChild(new TextNode(text.sources().get(index)));
                replacement.add(math);
                last = m.end();
            }
            if (last < whole.length()) {
                replacement.add(new TextNode(whole.substring(last)));
            }
            for (org.jsoup.nodes.Node part : replacement) {
                node.before(part);
            }
            node.remove();
        }
        return doc.body().html();
    }

    private static String source(Protected text, int index) {
        String delimiter = text.display().get(index) ? "$$" : "$";
        return delimiter + text.sources().get(index) + delimiter;
    }

    /** An instructor's preset for the classification demo, from a {@code demo} block's JSON object. */
    public record DemoPreset(String title, String json) {

        static DemoPreset parse(String literal) {
            try {
                JsonNode node = JSON.readTree(literal);
                if (node == null || !node.isObject()) {
                    return null;
                }
                JsonNode title = node.get("title");
                return new DemoPreset(title != null && title.isString() ? title.asString() : "", JSON.writeValueAsString(node));
            } catch (JacksonException e) {
                return null;
            }
        }
    }
}
