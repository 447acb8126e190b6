package io.lecturelab.coursework.paper;

import io.lecturelab.base.UserFacingException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paper's link as typed by staff: an http(s) address, or an arXiv identifier ({@code 1706.03762},
 * {@code arXiv:1706.03762v7}, {@code cs/0112017}) that becomes its abstract page on arxiv.org. Empty stays empty.
 */
public final class PaperLink {

    static final int MAX_LENGTH = 500;
    private static final Pattern ARXIV = Pattern.compile(
            "(?i)(?:arxiv:\\s*)?([0-9]{4}\\.[0-9]{4,5}(?:v[0-9]+)?|[a-z-]+(?:\\.[a-z]{2})?/[0-9]{7}(?:v[0-9]+)?)");

    private PaperLink() {
    }

    /**
     * @return the address to store
     * @throws UserFacingException {@code paper.error.link} when it is neither an http(s) address nor an arXiv id
     */
    public static String normalize(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return "";
        }
        Matcher arxiv = ARXIV.matcher(text);
        if (arxiv.matches()) {
            String id = arxiv.group(1);
            return "https://arxiv.org/abs/" + (id.contains("/") ? id : id.toLowerCase(Locale.ROOT));
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isBlank() && uri.getUserInfo() == null && text.length() <= MAX_LENGTH) {
                return text;
            }
        } catch (URISyntaxException e) {
            // falls through to the refusal
        }
        throw new UserFacingException("paper.error.link", text);
    }
}
