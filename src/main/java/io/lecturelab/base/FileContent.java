package io.lecturelab.base;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Whether a file's contents are what its extension says: magic bytes for binary formats, a notebook must be JSON
 * with {@code "cells"}, text must be UTF-8 without NUL characters. The name alone is never trusted.
 */
public final class FileContent {

    private static final Map<String, byte[][]> MAGIC = Map.of(
            "pdf", new byte[][] {ascii("%PDF-")},
            "png", new byte[][] {{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}},
            "jpg", new byte[][] {{(byte) 0xff, (byte) 0xd8, (byte) 0xff}},
            "jpeg", new byte[][] {{(byte) 0xff, (byte) 0xd8, (byte) 0xff}},
            "gif", new byte[][] {ascii("GIF87a"), ascii("GIF89a")},
            "zip", new byte[][] {{'P', 'K', 3, 4}});
    private static final JsonFactory JSON = new JsonFactory();

    private FileContent() {
    }

    /** Refuses ({@code upload.error.notPdf} or {@code upload.error.contentMismatch}) unless the file fits. */
    public static void check(String extension, Path file) throws IOException {
        boolean fits = switch (extension) {
            case "ipynb" -> isNotebook(file);
            case "py", "txt", "csv" -> isText(file);
            default -> startsWithMagic(MAGIC.getOrDefault(extension, new byte[0][]), file);
        };
        if (!fits) {
            throw extension.equals("pdf") ? new UserFacingException("upload.error.notPdf")
                    : new UserFacingException("upload.error.contentMismatch", "." + extension);
        }
    }

    private static boolean startsWithMagic(byte[][] magics, Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        for (byte[] magic : magics) {
            if (head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
                return true;
            }
        }
        return false;
    }

    /** Valid JSON throughout (read as a stream, never as a tree) whose top-level object has a "cells" array. */
    private static boolean isNotebook(Path file) throws IOException {
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean cells = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()
                        && "cells".equals(parser.currentName())) {
                    cells = parser.nextToken() == JsonToken.START_ARRAY;
                    parser.skipChildren();
                }
            }
            return cells;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return false;
        }
    }

    private static boolean isText(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\0') {
                        return false;
                    }
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
