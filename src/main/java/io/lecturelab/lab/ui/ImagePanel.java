package io.lecturelab.lab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.upload.Upload;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.base.ui.Notifications;
import io.lecturelab.base.ui.StreamedUpload;
import io.lecturelab.lab.LabService;
import io.lecturelab.lab.TestImages;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.ImageInput;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "What the computer sees": a test image (random, by class, by index) or the student's own picture, enlarged beside
 * its 32×32 matrix of values.
 */
class ImagePanel extends VerticalLayout {

    private static final int ANY = -1;

    private final LabView view;
    private final SecureRandom random = new SecureRandom();
    private final Select<Integer> label = new Select<>();
    private final IntegerField index = new IntegerField();
    private final PixelMatrix pixels = new PixelMatrix();
    private final Paragraph caption = new Paragraph();

    ImagePanel(LabView view) {
        this.view = view;
        setPadding(false);
        addClassName("lab-pixels");

        List<Integer> labels = new ArrayList<>();
        labels.add(ANY);
        labels.addAll(ClassSet.ALL_TEN.labels());
        label.setLabel(getTranslation("lab.image.class"));
        label.setItems(labels);
        label.setItemLabelGenerator(l -> l == ANY ? getTranslation("lab.image.anyClass")
                : getTranslation("cifar." + ClassSet.CIFAR10_NAMES.get(l)));
        label.setValue(ANY);
        label.setId("lab-image-class");
        Button randomButton = new Button(getTranslation("lab.image.random"), VaadinIcon.RANDOM.create(),
                click -> pickRandom());
        randomButton.setId("lab-image-random");
        index.setLabel(getTranslation("lab.image.index"));
        index.setHelperText(getTranslation("lab.image.indexHelp"));
        index.setMin(0);
        index.setMax(9999);
        index.setId("lab-image-index");
        Button showIndex = new Button(getTranslation("lab.image.show"), click -> pickIndex());
        showIndex.setId("lab-image-show");
        HorizontalLayout pick = new HorizontalLayout(label, randomButton, index, showIndex);
        pick.setWrap(true);
        pick.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        pixels.setId("lab-pixel-matrix");
        pixels.setTexts(getTranslation("lab.pixels.caption"), getTranslation("lab.pixels.picture"),
                getTranslation("lab.pixels.channels"), getTranslation("lab.pixels.red"),
                getTranslation("lab.pixels.green"), getTranslation("lab.pixels.blue"));
        caption.setId("lab-image-caption");
        add(new H3(getTranslation("lab.pixels.heading")), new Paragraph(getTranslation("lab.pixels.intro")), pick,
                upload(), caption, pixels);
        showImage();
    }

    private Upload upload() {
        int mb = LabService.MAX_IMAGE_BYTES / (1024 * 1024);
        // image types let a phone offer its camera as well as its photos
        return StreamedUpload.of("lab-upload", LabService.MAX_IMAGE_BYTES, new StreamedUpload.Texts(
                        getTranslation("lab.upload.add"), getTranslation("lab.upload.drop", mb),
                        getTranslation("lab.error.imageTooLarge", mb), getTranslation("lab.error.notAnImage", mb)),
                (in, fileName) -> view.lab().readImage(view.courseId(), in, view.user()),
                view::showUploaded,
                "image/png", "image/jpeg", ".png", ".jpg", ".jpeg");
    }

    void pickRandom() {
        try {
            int l = label.getValue() == null ? ANY : label.getValue();
            view.showTestImage(view.lab().randomImage(view.courseId(), view.preset().request().classes(), l, random,
                    view.user()));
        } catch (UserFacingException refusal) {
            caption.setText(Notifications.describe(refusal));
        }
    }

    private void pickIndex() {
        if (index.getValue() == null || index.isInvalid()) {
            index.setErrorMessage(getTranslation("lab.error.imageIndex", 9999));
            index.setInvalid(true);
            return;
        }
        try {
            view.showTestImage(view.lab().testImage(view.courseId(), index.getValue(), view.user()));
        } catch (UserFacingException refusal) {
            Notifications.error(refusal);
        }
    }

    void showImage() {
        Optional<TestImages.TestImage> test = view.testImage();
        Optional<ImageInput> image = test.map(TestImages.TestImage::image).or(view::image);
        image.ifPresent(i -> pixels.show(PixelMatrix.interleave(i.values())));
        caption.setText(test.map(t -> getTranslation("lab.image.test", Integer.toString(t.index()),
                        getTranslation("cifar." + t.labelName())))
                .orElse(getTranslation(image.isPresent() ? "lab.image.uploaded" : "lab.image.none")));
        test.ifPresent(t -> index.setValue(t.index()));
    }
}
