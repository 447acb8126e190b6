package io.lecturelab.testsupport;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium (the system's, never a downloaded one) driven by Playwright, with a fresh profile per session.
 * One {@link BrowserSession} is one person at one browser with one language.
 */
public final class BrowserSession implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;
    private final String baseUrl;
    private final List<String> policyViolations = new CopyOnWriteArrayList<>();
    public final Page page;

    public BrowserSession(String baseUrl, String locale) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
        context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
                .setViewportSize(1280, 900));
        context.setDefaultTimeout(20_000);
        page = context.newPage();
        // Chromium reports every Content-Security-Policy refusal on the console: any one fails the test at close.
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                policyViolations.add(message.text());
            }
        });
    }

    /** Gives this browser the cookies of another (as a copied or stolen cookie would). */
    public void addCookies(List<Cookie> cookies) {
        context.addCookies(cookies);
    }

    /** The cookies this browser holds for the app. */
    public List<Cookie> cookies() {
        return context.cookies(baseUrl);
    }

    /** Opens a path of the app and waits until Vaadin has rendered it. */
    public BrowserSession open(String path) {
        page.navigate(baseUrl + path);
        settle();
        return this;
    }

    public BrowserSession signIn(String username, String password) {
        open("login");
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form vaadin-button[slot=submit], vaadin-login-form button[type=submit]").first()
                .click();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        settle();
        return this;
    }

    /**
     * The WCAG 2.1 A/AA problems of the page as it is now that axe-core rates serious or critical, one line each
     * (rule, impact, the first offending element); empty when there are none.
     */
    public List<String> accessibilityProblems() {
        // a notification or dialog fading in or out is measured half-transparent: wait until no finite animation
        // runs in an overlay (a dialog, a notification, a popup), shadow trees included
        page.waitForFunction("() => { const inOverlay = el => { for (let n = el; n; n = n.parentElement"
                + " || n.getRootNode().host) { if (n.localName === 'vaadin-notification-card'"
                + " || n.localName?.endsWith('-overlay')) return true; } return false; };"
                + " return [...document.querySelectorAll('vaadin-notification-card')].every(card =>"
                + " !card.hasAttribute('opening') && !card.hasAttribute('closing')) && document.getAnimations()"
                + ".every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity"
                + " || !inOverlay(a.effect?.target)); }");
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze();
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + ", " + rule.getNodes().size() + "×): "
                        + rule.getNodes().getFirst().getTarget() + " " + rule.getHelp())
                .toList();
    }

    /** Sets the window size, e.g. 390 × 844 for a phone. */
    public void resize(int width, int height) {
        page.setViewportSize(width, height);
    }

    /** Signs out through the user menu ({@code label}: the item's text in this browser's language). */
    public void signOut(String label) {
        page.locator(".user-menu vaadin-menu-bar-button").first().click();
        page.locator("vaadin-menu-bar-item").filter(new Locator.FilterOptions().setHasText(label)).click();
        page.waitForURL("**/login");
    }

    /** Waits for the Vaadin client to finish its round trips. */
    public void settle() {
        page.waitForFunction("() => !!window.Vaadin && !!window.Vaadin.Flow && Object.values(window.Vaadin.Flow.clients)"
                + ".every(c => !c.isActive())");
    }

    public Locator text(String text) {
        return page.getByText(text).first();
    }

    public String path() {
        String url = page.url();
        return url.substring(Math.min(url.length(), baseUrl.length()));
    }

    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A screenshot of the window (not the whole page) with {@code selector}'s first match scrolled to its top. */
    public void screenshotAt(String name, String selector) {
        page.locator(selector).first().evaluate("e => e.scrollIntoView({block: 'start'})");
        page.waitForTimeout(300);
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Closes the browser; fails if any page broke the app's Content-Security-Policy. */
    @Override
    public void close() {
        context.close();
        browser.close();
        playwright.close();
        if (!policyViolations.isEmpty()) {
            throw new AssertionError("Content-Security-Policy violations:\n" + String.join("\n", policyViolations));
        }
    }
}
