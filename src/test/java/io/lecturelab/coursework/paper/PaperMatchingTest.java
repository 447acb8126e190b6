package io.lecturelab.coursework.paper;

import io.lecturelab.coursework.paper.PaperMatching.Paper;
import io.lecturelab.coursework.paper.PaperMatching.Placement;
import io.lecturelab.coursework.paper.PaperMatching.Result;
import io.lecturelab.coursework.paper.PaperMatching.Student;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class PaperMatchingTest {

    @Test
    void everyone_gets_their_first_choice_when_the_caps_allow_it() {
        Result result = PaperMatching.assign(List.of(student(1, 10, 11), student(2, 11, 10), student(3, 10)),
                List.of(new Paper(10, 2), new Paper(11, 2)), 3);
        assertThat(paperOf(result)).containsEntry(1L, 10L).containsEntry(2L, 11L).containsEntry(3L, 10L);
        assertThat(result.withChoice(1)).isEqualTo(3);
    }

    @Test
    void a_full_paper_sends_the_student_who_loses_least_to_their_second_choice() {
        // both want 10 first; only one fits. Student 2 has a second choice, student 1 has none: the optimum keeps
        // both on a paper they asked for.
        Result result = PaperMatching.assign(List.of(student(1, 10), student(2, 10, 11)),
                List.of(new Paper(10, 1), new Paper(11, 1)), 2);
        assertThat(paperOf(result)).containsEntry(1L, 10L).containsEntry(2L, 11L);
        assertThat(result.satisfied()).isEqualTo(2);
    }

    @Test
    void more_students_on_a_choice_beat_fewer_students_on_better_choices() {
        // Greedy by first choices would give 1 → A, 2 → B and leave 3 without any choice. Placing 1 on its third
        // choice C lets all three have a paper they asked for.
        long a = 10;
        long b = 11;
        long c = 12;
        Result result = PaperMatching.assign(List.of(student(1, a, b, c), student(2, a, b), student(3, b, a)),
                List.of(new Paper(a, 1), new Paper(b, 1), new Paper(c, 1)), 3);
        assertThat(result.satisfied()).isEqualTo(3);
    }

    @Test
    void caps_hold_and_everyone_is_placed_when_there_is_room() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<Paper> papers = papers(1 + random.nextInt(6), 1 + random.nextInt(3));
            int students = random.nextInt((int) PaperMatching.places(papers) + 1);
            Result result = PaperMatching.assign(randomStudents(random, students, papers, 3), papers, 3);
            assertThat(result.placements()).hasSize(students);
            Map<Long, Long> load = result.placements().stream()
                    .collect(Collectors.groupingBy(Placement::paperId, Collectors.counting()));
            for (Paper paper : papers) {
                assertThat(load.getOrDefault(paper.id(), 0L)).isLessThanOrEqualTo(paper.cap());
            }
        }
    }

    @Test
    void more_students_than_places_is_refused() {
        assertThatThrownBy(() -> PaperMatching.assign(List.of(student(1), student(2), student(3)),
                List.of(new Paper(10, 1), new Paper(11, 1)), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_assignment_is_optimal_on_small_random_instances_as_brute_force_finds() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int k = 1 + random.nextInt(3);
            List<Paper> papers = papers(1 + random.nextInt(4), 1 + random.nextInt(2));
            int students = random.nextInt(Math.min(7, (int) PaperMatching.places(papers)) + 1);
            List<Student> list = randomStudents(random, students, papers, k);
            Result result = PaperMatching.assign(list, papers, k);
            long[] best = bruteForce(list, papers, k);
            assertThat(score(result, list, k)).as("round %d: %s on %s", round, list, papers)
                    .containsExactly(best);
        }
    }

    @Test
    void the_same_input_in_any_order_gives_the_same_assignment() {
        Random random = new Random(3);
        List<Paper> papers = papers(8, 3);
        List<Student> students = randomStudents(random, 20, papers, 3);
        Result first = PaperMatching.assign(students, papers, 3);
        for (int i = 0; i < 5; i++) {
            List<Student> shuffled = new ArrayList<>(students);
            Collections.shuffle(shuffled, random);
            List<Paper> shuffledPapers = new ArrayList<>(papers);
            Collections.shuffle(shuffledPapers, random);
            assertThat(PaperMatching.assign(shuffled, shuffledPapers, 3)).isEqualTo(first);
        }
    }

    @Test
    void ties_are_broken_the_same_way_every_time() {
        // Four students who all want paper 10 first and 11 second, cap 2: any two may have 10.
        List<Student> students = List.of(student(4, 10, 11), student(3, 10, 11), student(2, 10, 11),
                student(1, 10, 11));
        List<Paper> papers = List.of(new Paper(10, 2), new Paper(11, 2));
        Result result = PaperMatching.assign(students, papers, 2);
        for (int i = 0; i < 10; i++) {
            assertThat(PaperMatching.assign(students, papers, 2)).isEqualTo(result);
        }
        assertThat(result.withChoice(1)).isEqualTo(2);
        assertThat(result.withChoice(2)).isEqualTo(2);
    }

    @Test
    void students_without_choices_get_the_least_wanted_papers_with_room() {
        // 10 is wanted by two, 11 by one, 12 by nobody: the student without preferences goes to 12, the next
        // one (12 being full) to 11.
        Result result = PaperMatching.assign(List.of(student(1, 10), student(2, 10), student(3, 11), student(4),
                student(5)), List.of(new Paper(10, 2), new Paper(11, 2), new Paper(12, 1)), 3);
        assertThat(paperOf(result)).containsEntry(4L, 12L).containsEntry(5L, 11L);
        assertThat(result.placements().get(3).choice()).isEmpty();
    }

    @Test
    void two_hundred_students_and_thirty_papers_are_assigned_in_well_under_a_second() {
        Random random = new Random(11);
        List<Paper> papers = papers(30, 7);
        List<Student> students = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // popular papers: choices skewed to low ids, as a class's interest usually is
            List<Long> choices = new ArrayList<>();
            while (choices.size() < 5) {
                long id = 100 + (long) Math.min(29, Math.abs(random.nextGaussian()) * 8);
                if (!choices.contains(id)) {
                    choices.add(id);
                }
            }
            students.add(new Student(i + 1, choices));
        }
        Result result = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> PaperMatching.assign(students, papers, 5));
        assertThat(result.placements()).hasSize(200);
        Map<Long, Long> load = result.placements().stream()
                .collect(Collectors.groupingBy(Placement::paperId, Collectors.counting()));
        assertThat(load.values()).allMatch(count -> count <= 7);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Student student(long id, long... choices) {
        return new Student(id, LongStream.of(choices).boxed().toList());
    }

    private static List<Paper> papers(int count, int cap) {
        List<Paper> papers = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            papers.add(new Paper(100 + j, cap));
        }
        return papers;
    }

    private static List<Student> randomStudents(Random random, int count, List<Paper> papers, int k) {
        List<Student> students = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Long> ids = new ArrayList<>(papers.stream().map(Paper::id).toList());
            Collections.shuffle(ids, random);
            students.add(new Student(1000 + i, ids.subList(0, random.nextInt(Math.min(k, ids.size()) + 1))));
        }
        return students;
    }

    private static Map<Long, Long> paperOf(Result result) {
        return result.placements().stream().collect(Collectors.toMap(Placement::studentId, Placement::paperId));
    }

    /** (students on one of their choices, rank points) of an assignment. */
    private static long[] score(Result result, List<Student> students, int k) {
        Map<Long, Student> byId = new HashMap<>();
        students.forEach(s -> byId.put(s.id(), s));
        long count = 0;
        long points = 0;
        for (Placement p : result.placements()) {
            int rank = byId.get(p.studentId()).choices().indexOf(p.paperId());
            if (rank >= 0) {
                count++;
                points += k - rank;
            }
        }
        return new long[] {count, points};
    }

    /** The best (count, points) over every way of giving each student one of their choices or none. */
    private static long[] bruteForce(List<Student> students, List<Paper> papers, int k) {
        Map<Long, Integer> caps = new HashMap<>();
        papers.forEach(p -> caps.put(p.id(), p.cap()));
        long[] best = {0, 0};
        search(students, 0, caps, 0, 0, k, best);
        return best;
    }

    private static void search(List<Student> students, int i, Map<Long, Integer> caps, long count, long points, int k,
                               long[] best) {
        if (i == students.size()) {
            if (count > best[0] || (count == best[0] && points > best[1])) {
                best[0] = count;
                best[1] = points;
            }
            return;
        }
        search(students, i + 1, caps, count, points, k, best);
        List<Long> choices = students.get(i).choices();
        for (int r = 0; r < choices.size(); r++) {
            long paper = choices.get(r);
            int left = caps.get(paper);
            if (left > 0) {
                caps.put(paper, left - 1);
                search(students, i + 1, caps, count + 1, points + (k - r), k, best);
                caps.put(paper, left);
            }
        }
    }
}
