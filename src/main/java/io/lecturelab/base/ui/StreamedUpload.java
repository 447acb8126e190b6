package io.lecturelab.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.UploadEvent;
import io.lecturelab.base.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * One file streamed into a service: the request body is the file (a raw upload), so the service reads it as it
 * arrives and refuses as soon as it passes its limit; nothing is held in memory on the way. The browser checks size
 * and type first with the same limit the screen states; the service checks again, since a request can bypass the
 * browser. A refusal is sent back to the upload and shown in the user's language.
 */
public final class StreamedUpload {

    /** Reads the upload's stream in the service; runs on the upload's request thread, without the session lock. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream in, String fileName) throws IOException;
    }

    /** The texts of the upload, in the user's language. */
    public record Texts(String add, String drop, String tooBig, String wrongType) {
    }

    private StreamedUpload() {
    }

    /**
     * An upload of one file of at most {@code maxBytes}, of the given types (".png", "image/png", …): {@code reader}
     * gets the stream, {@code done} its result on the UI thread.
     */
    public static <T> Upload of(String id, int maxBytes, Texts texts, Reader<T> reader, Consumer<T> done,
                                String... types) {
        Upload upload = new Upload();
        upload.setId(id);
        upload.setMaxFiles(1);
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setMaxFileSize(maxBytes);
        upload.setAcceptedFileTypes(types);
        upload.addFileRejectedListener(event -> Notifications.error(event.getErrorMessage()));
        upload.setUploadHandler(event -> receive(event, upload, reader, done));
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(texts.add()));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(texts.drop()));
        i18n.setError(new UploadI18N.Error().setTooManyFiles(upload.getTranslation("upload.tooMany"))
                .setFileIsTooBig(texts.tooBig()).setIncorrectFileType(texts.wrongType()));
        upload.setI18n(i18n);
        UI ui = UI.getCurrent();
        if (ui != null) {
            WidgetTexts.upload(upload, ui); // the rest of what the widget says (retry, remove, server errors…)
        }
        return upload;
    }

    private static <T> void receive(UploadEvent event, Upload upload, Reader<T> reader, Consumer<T> done) {
        UI ui = event.getUI();
        try {
            T result = reader.read(event.getInputStream(), event.getFileName());
            ui.access(() -> {
                upload.clearFileList();
                done.accept(result);
            });
        } catch (UserFacingException refusal) {
            event.reject(ui.getTranslation(refusal.messageKey(), refusal.arguments()));
            ui.access(() -> {
                upload.clearFileList();
                Notifications.error(refusal);
            });
        } catch (IOException broken) {
            // the browser stopped sending (cancelled, connection lost): the service kept nothing
            event.reject(ui.getTranslation("upload.error.interrupted"));
            ui.access(() -> {
                upload.clearFileList();
                Notifications.error(ui.getTranslation("upload.error.interrupted"));
            });
        }
    }
}
