package io.lecturelab.lab;

import io.lecturelab.base.LimitedInputStream;
import io.lecturelab.base.UserFacingException;
import io.lecturelab.course.CourseAccess;
import io.lecturelab.course.CourseService;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.Classification;
import io.lecturelab.ml.ClassifierService;
import io.lecturelab.ml.ImageInput;
import io.lecturelab.ml.MlException;
import io.lecturelab.ml.TrainingRequest;
import io.lecturelab.ml.TrainingResult;
import io.lecturelab.ml.queue.JobView;
import io.lecturelab.ml.queue.ModelStore;
import io.lecturelab.ml.queue.TrainingQueue;
import io.lecturelab.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What students and staff do in the classifier lab, with the access decided here on every call: a member trains in
 * their course and sees only their own runs; the course's staff see (and may cancel) every run of the course;
 * anyone else is told the run does not exist. Works on the classifier API, the shared queue and the stored models.
 */
@ApplicationScoped
public class LabService {

    /** The largest photo a student may upload, stated on the screen and enforced while it is read. */
    public static final int MAX_IMAGE_BYTES = io.lecturelab.base.LectureLabConfig.LAB_MAX_IMAGE_BYTES;
    /** Runs a student's history shows, newest first. */
    static final int HISTORY = 50;
    /** Test images classified in one engine call while evaluating. */
    static final int EVALUATION_CHUNK = 500;
    /** Runs the class view shows, newest first. */
    static final int CLASS_RUNS = 1000;

    private final CourseService courses;
    private final TrainingQueue queue;
    private final ModelStore models;
    private final ClassifierService classifier;
    private final TestImages testImages;
    private final LiveRuns live;
    private final Map<Long, Evaluation> evaluations = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Evaluation> eldest) {
                    return size() > 32;
                }
            });

    LabService(CourseService courses, TrainingQueue queue, ModelStore models, ClassifierService classifier,
               TestImages testImages, LiveRuns live) {
        this.courses = courses;
        this.queue = queue;
        this.models = models;
        this.classifier = classifier;
        this.testImages = testImages;
        this.live = live;
    }

    /**
     * The settings a student trains with: the preset's, with a swept value replaced by the one given to this student
     * (staff get the first value).
     */
    public TrainingRequest requestFor(long courseId, LabPreset preset, SignedInUser actor) {
        int rank = courses.studentRank(courseId, actor);
        TrainingRequest request = preset.request();
        if (preset.sweep().isPresent()) {
            LabPreset.Sweep sweep = preset.sweep().get();
            double value = sweep.valueFor(Math.max(0, rank));
            request = sweep.control() == LabControl.LEARNING_RATE ? request.withLearningRate(value)
                    : request.withL2Strength(value);
        }
        return request;
    }

    /** Puts a run on the shared queue for {@code actor}, a member of the course. */
    public LabRun train(long courseId, LabPreset preset, SignedInUser actor) {
        TrainingRequest request = requestFor(courseId, preset, actor);
        long id = queue.submit(actor.id(), courseId, request);
        return LabRun.of(queue.find(id).orElseThrow(), actor.displayName());
    }

    /** The actor's own runs in the course, newest first. */
    public List<LabRun> myRuns(long courseId, SignedInUser actor) {
        courses.access(courseId, actor);
        return queue.inCourse(courseId, actor.id(), HISTORY).stream()
                .map(j -> LabRun.of(j, actor.displayName())).toList();
    }

    /** Every run of the course, newest first, with its owner's name: for the course's staff. */
    public List<LabRun> classRuns(long courseId, SignedInUser actor) {
        Map<Long, String> names = courses.memberNames(courseId, actor);
        return queue.inCourse(courseId, null, CLASS_RUNS).stream()
                .map(j -> LabRun.of(j, names.getOrDefault(j.ownerId(), "#" + j.ownerId()))).toList();
    }

    /** One run, for its owner or the course's staff. */
    public LabRun run(long courseId, long runId, SignedInUser actor) {
        JobView job = visible(courseId, runId, actor);
        return LabRun.of(job, job.ownerId() == actor.id() ? actor.displayName() : ownerName(courseId, job, actor));
    }

    /** Stops a run: its owner or the course's staff. */
    public LabRun cancel(long courseId, long runId, SignedInUser actor) {
        JobView job = visible(courseId, runId, actor);
        return LabRun.of(queue.cancel(job.ownerId(), runId), actor.displayName());
    }

    /**
     * W of a run: the trained model's, or while it trains the latest that a worker reported (pushed in this process,
     * stored by workers elsewhere). Empty before the first report.
     */
    public Optional<float[]> weights(long courseId, long runId, SignedInUser actor) {
        JobView job = visible(courseId, runId, actor);
        if (job.modelId().isPresent()) {
            return models.load(job.modelId().getAsLong()).map(TrainingResult::weights);
        }
        Optional<float[]> pushed = live.snapshot(runId).flatMap(LiveRuns.Snapshot::weights);
        return pushed.isPresent() ? pushed : queue.latestWeights(runId);
    }

    /** The trained run on one image: scores, probabilities and each class's contribution map. */
    public Classification classify(long courseId, long runId, ImageInput image, SignedInUser actor) {
        return classifier.explain(model(courseId, runId, actor), image);
    }

    /** The trained run on the test split of its classes (computed once per model and kept for a while). */
    public Evaluation evaluate(long courseId, long runId, SignedInUser actor) {
        TrainingResult model = model(courseId, runId, actor);
        long modelId = Long.parseLong(model.modelId());
        Evaluation cached = evaluations.get(modelId);
        if (cached != null) {
            return cached;
        }
        Evaluation evaluation = evaluate(model);
        evaluations.put(modelId, evaluation);
        return evaluation;
    }

    /** A test image, for any member of the course. */
    public TestImages.TestImage testImage(long courseId, int index, SignedInUser actor) {
        courses.access(courseId, actor);
        return testImages.get(index);
    }

    /** Test images by index, for any member of the course (one access check for all of them). */
    public List<TestImages.TestImage> testImages(long courseId, List<Integer> indices, SignedInUser actor) {
        courses.access(courseId, actor);
        return indices.stream().map(testImages::get).toList();
    }

    /** A random test image of the given classes (of one CIFAR-10 label when 0..9), for any member of the course. */
    public TestImages.TestImage randomImage(long courseId, ClassSet classes, int label,
                                            java.util.random.RandomGenerator random, SignedInUser actor) {
        courses.access(courseId, actor);
        return testImages.random(classes, label, random);
    }

    /**
     * A student's own picture (PNG or JPEG, at most {@link #MAX_IMAGE_BYTES}; its size is checked while reading and
     * its pixel count from its header before it is decoded), as model input.
     */
    public ImageInput readImage(long courseId, InputStream upload, SignedInUser actor) throws IOException {
        courses.access(courseId, actor);
        byte[] bytes;
        try (InputStream in = new LimitedInputStream(upload, MAX_IMAGE_BYTES,
                () -> new UserFacingException("lab.error.imageTooLarge", MAX_IMAGE_BYTES / (1024 * 1024)))) {
            bytes = in.readAllBytes();
        }
        try {
            return classifier.decodeImage(bytes);
        } catch (MlException e) {
            throw new UserFacingException(e.messageKey().equals("ml.error.imageTooLarge") ? "lab.error.imageTooLarge"
                    : "lab.error.notAnImage", MAX_IMAGE_BYTES / (1024 * 1024));
        }
    }

    private Evaluation evaluate(TrainingResult model) {
        ClassSet classes = model.request().classes();
        List<Integer> indices = testImages.indicesOf(classes.labels());
        // in chunks: all ten classes' 10,000 images as model input would be 120 MB at once
        List<Classification> answers = new ArrayList<>(indices.size());
        for (int from = 0; from < indices.size(); from += EVALUATION_CHUNK) {
            List<ImageInput> images = indices.subList(from, Math.min(indices.size(), from + EVALUATION_CHUNK))
                    .stream().map(index -> testImages.get(index).image()).toList();
            answers.addAll(classifier.classifyAll(model, images));
        }
        int n = classes.size();
        int[][] counts = new int[n][n];
        List<List<List<Evaluation.Scored>>> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<List<Evaluation.Scored>> row = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                row.add(new ArrayList<>());
            }
            cells.add(row);
        }
        int correct = 0;
        for (int i = 0; i < indices.size(); i++) {
            int index = indices.get(i);
            int truth = classes.labels().indexOf(testImages.get(index).label());
            Classification c = answers.get(i);
            int predicted = c.predictedIndex();
            counts[truth][predicted]++;
            correct += truth == predicted ? 1 : 0;
            cells.get(truth).get(predicted).add(new Evaluation.Scored(index, c.probabilities()[predicted]));
        }
        Comparator<Evaluation.Scored> mostConfident = Comparator.comparingDouble(Evaluation.Scored::confidence)
                .reversed().thenComparingInt(Evaluation.Scored::index);
        List<List<List<Evaluation.Scored>>> sorted = cells.stream()
                .map(row -> row.stream().map(cell -> cell.stream().sorted(mostConfident).toList()).toList())
                .toList();
        return new Evaluation(model.classNames(), (double) correct / Math.max(1, indices.size()), counts, sorted);
    }

    private TrainingResult model(long courseId, long runId, SignedInUser actor) {
        JobView job = visible(courseId, runId, actor);
        return job.modelId().stream().boxed().findFirst().flatMap(models::load)
                .orElseThrow(() -> new UserFacingException("lab.error.notTrained"));
    }

    /** The run when the actor may see it; otherwise refused as if it did not exist. */
    private JobView visible(long courseId, long runId, SignedInUser actor) {
        CourseAccess access = courses.access(courseId, actor);
        return queue.find(runId)
                .filter(j -> j.courseId() != null && j.courseId() == courseId)
                .filter(j -> j.ownerId() == actor.id() || access.staff())
                .orElseThrow(() -> new UserFacingException("lab.error.runNotFound", Long.toString(runId)));
    }

    private String ownerName(long courseId, JobView job, SignedInUser staff) {
        return courses.memberNames(courseId, staff).getOrDefault(job.ownerId(), "#" + job.ownerId());
    }
}
