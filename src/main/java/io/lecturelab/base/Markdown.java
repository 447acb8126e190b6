package io.lecturelab.base;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns user-written Markdown into HTML that is safe to show to other users: CommonMark with GitHub tables and
 * autolinks, then an allow-list sanitiser so that no script, event handler or foreign markup survives. Math
 * ({@code $...$}, {@code $$...$$}) is left as text for the browser's math renderer.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Pattern OPENING_TAG = Pattern.compile("<([A-Za-z][A-Za-z0-9-]*)(?:\\s[^>]*)?>?");
    private static final int EXCERPT = 160;
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final Safelist SAFE = Safelist.relaxed()
            .addTags("hr", "del", "s")
            .addAttributes("code", "class")
            .addAttributes("a", "title")
            .addAttributes("th", "align")
            .addAttributes("td", "align")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private Markdown() {
    }

    public static String toSafeHtml(String markdown) {
        return sanitize(toHtml(parse(markdown == null ? "" : markdown)));
    }

    /** The Markdown document, for renderers that treat some blocks specially (see the lecture renderer). */
    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /** Unsafe HTML of one node; always pass the result through {@link #sanitize}. */
    public static String toHtml(Node node) {
        return RENDERER.render(node);
    }

    /**
     * Keeps only the allowed tags, attributes and link protocols. User-written {@code class} attributes survive only
     * on {@code code} (for the highlighter), so no user text can pose as the renderer's own elements.
     */
    public static String sanitize(String html) {
        return Jsoup.clean(html, SAFE);
    }

    /**
     * Raw HTML in the Markdown that {@link #sanitize} removes: an element that is not allowed, or an HTML comment
     * left open. Such HTML can take text with it: an unclosed {@code <iframe>} or comment swallows everything after
     * it.
     *
     * @param element  the element's name ({@code iframe}), or {@code !--} for a comment
     * @param line     the Markdown line it is written on (1 for the first), 0 where it cannot be told
     * @param source   the tag as written (shortened)
     * @param lostText the readable text that disappears with it (shortened), empty when its text stays
     * @param lostChars how many characters of text disappear with it
     */
    public record Removal(String element, int line, String source, String lostText, int lostChars) {
    }

    /** What {@link #toSafeHtml} would remove from this Markdown, in the order it is written. */
    public static List<Removal> removals(String markdown) {
        Node document = parse(markdown == null ? "" : markdown);
        RawHtml raw = rawHtml(document);
        List<Removal> found = new ArrayList<>(raw.openComments());
        found.addAll(removals(toHtml(document), raw));
        return byLine(found);
    }

    /** The raw HTML a Markdown document holds: each opening tag with its line, and comments left open. */
    public static RawHtml rawHtml(Node document) {
        List<RawTag> tags = new ArrayList<>();
        List<Removal> openComments = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock block) {
                collect(block.getLiteral(), block.getSourceSpans());
                String literal = block.getLiteral().strip();
                if (literal.startsWith("<!--") && !literal.contains("-->")) {
                    String hidden = literal.substring(4);
                    openComments.add(new Removal("!--", line(block.getSourceSpans(), literal, 0), "<!--",
                            excerpt(Jsoup.parseBodyFragment(hidden).text()), hidden.strip().length()));
                }
            }

            @Override
            public void visit(HtmlInline inline) {
                collect(inline.getLiteral(), inline.getSourceSpans());
            }

            private void collect(String literal, List<SourceSpan> spans) {
                Matcher tag = OPENING_TAG.matcher(literal);
                while (tag.find()) {
                    tags.add(new RawTag(tag.group(1).toLowerCase(Locale.ROOT), line(spans, literal, tag.start()),
                            shorten(tag.group(), 80)));
                }
            }
        });
        return new RawHtml(tags, openComments);
    }

    private static int line(List<SourceSpan> spans, String literal, int offset) {
        if (spans.isEmpty()) {
            return 0;
        }
        int newlines = (int) literal.substring(0, offset).chars().filter(c -> c == '\n').count();
        return spans.getFirst().getLineIndex() + 1 + newlines;
    }

    /** An opening tag written as raw HTML in the Markdown. */
    public record RawTag(String name, int line, String source) {
    }

    /** The raw HTML of a document, in the order it is written; see {@link #rawHtml}. */
    public record RawHtml(List<RawTag> tags, List<Removal> openComments) {

        public RawHtml {
            tags = new ArrayList<>(tags);
        }

        /** The first tag of that name not yet matched to an element, taken off the list. */
        RawTag take(String name) {
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i).name().equals(name)) {
                    return tags.remove(i);
                }
            }
            return new RawTag(name, 0, "<" + name + ">");
        }
    }

    /**
     * The elements {@link #sanitize} drops from {@code html} (rendered from Markdown whose raw HTML is {@code raw}), in
     * document order, each with the text that goes with it. Matched tags are taken off {@code raw}, so the HTML of one
     * document may be checked in consecutive pieces.
     */
    public static List<Removal> removals(String html, RawHtml raw) {
        Document dirty = Jsoup.parseBodyFragment(html);
        List<Removal> found = new ArrayList<>();
        for (Element element : dirty.body().getAllElements()) {
            if (element == dirty.body() || SAFE.isSafeTag(element.normalName())) {
                continue;
            }
            StringBuilder lost = new StringBuilder();
            // the sanitiser keeps the text inside a removed element, except raw text (script, style, iframe…)
            element.childNodes().stream().filter(DataNode.class::isInstance)
                    .forEach(data -> lost.append(((DataNode) data).getWholeData()));
            String text = lost.isEmpty() ? "" : Jsoup.parseBodyFragment(lost.toString()).text();
            RawTag tag = raw.take(element.normalName());
            found.add(new Removal(element.normalName(), tag.line(), tag.source(), excerpt(text), text.length()));
        }
        return found;
    }

    /** The removals ordered by line (those whose line is unknown last), otherwise as found. */
    public static List<Removal> byLine(List<Removal> removals) {
        return removals.stream().sorted(java.util.Comparator.comparingInt(r -> r.line() == 0 ? Integer.MAX_VALUE
                : r.line())).toList();
    }

    private static String excerpt(String text) {
        return shorten(text.strip().replaceAll("\\s+", " "), EXCERPT);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
