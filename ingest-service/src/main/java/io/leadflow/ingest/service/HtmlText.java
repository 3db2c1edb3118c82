package io.leadflow.ingest.service;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/** HTML as the text a person reads in it: paragraphs and line breaks kept, markup, scripts and styles gone. */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2",
            "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer", "hr", "dd", "dt");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol");

    private HtmlText() {
    }

    /** The text of an HTML document or fragment. */
    public static String toText(String html) {
        return toText(html, false);
    }

    /**
     * The text of an HTML email; with {@code withoutQuotes} the quoted earlier messages mail clients append
     * (blockquotes, Gmail's and Outlook's quote containers) are left out.
     */
    public static String toText(String html, boolean withoutQuotes) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parse(html);
        document.select("script, style, head, title, template").remove();
        if (withoutQuotes) {
            document.select("blockquote, .gmail_quote, .gmail_signature, #appendonsend, #divRplyFwdMsg, "
                    + ".yahoo_quoted, .moz-cite-prefix, div[data-smartmail=gmail_signature]").remove();
        }
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new Writer(text), document.body() == null ? document : document.body());
        return text.toString();
    }

    private record Writer(StringBuilder text) implements NodeVisitor {

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                text.append(textNode.text());
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if ("br".equals(tag)) {
                    text.append('\n');
                } else if (BLOCKS.contains(tag)) {
                    newLine();
                }
                if ("li".equals(tag)) {
                    text.append("- ");
                } else if ("td".equals(tag) || "th".equals(tag)) {
                    text.append(' ');
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (BLOCKS.contains(tag)) {
                    newLine();
                }
                if (PARAGRAPHS.contains(tag)) {
                    text.append('\n');
                }
            }
        }

        private void newLine() {
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
        }
    }
}
