package io.lecturelab.coursework.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;

/**
 * Assigns each student one paper so that no paper gets more students than its cap and students get the papers they
 * ranked, as conference systems assign reviewers to papers.
 * <p>
 * <b>Objective.</b> With {@code K} the number of ranks a student may give, a student placed on the paper they ranked
 * {@code r} (1 = first choice) earns {@code B + (K + 1 - r)} points, where {@code B = n·K + 1} and {@code n} is the
 * number of students; a student placed on a paper they did not rank earns nothing. Because {@code B} exceeds every
 * possible sum of rank points, the assignment first gets <em>as many students as possible</em> one of their choices
 * and, among those assignments, the one with the most rank points (a first choice is worth {@code K}, a second
 * {@code K - 1}, …, the last {@code 1}). It is an optimal solution of that objective, not a greedy one.
 * <p>
 * <b>Algorithm.</b> Minimum-cost flow by successive shortest paths: source → student (capacity 1, cost 0), student →
 * each paper they ranked (capacity 1, cost −points), paper → sink (capacity = cap, cost 0). Potentials start from
 * Bellman–Ford (the only negative costs are on the student → paper edges) and each augmenting path is then found by
 * Dijkstra on reduced costs; augmentation stops when no path is left or the cheapest one no longer lowers the cost, at
 * which point the flow is a maximum-weight matching under the caps. With {@code n} students, {@code m} papers and
 * {@code E ≤ n·K} preference edges it takes {@code O(n · E log(n + m))} time: 200 students × 30 papers takes
 * milliseconds.
 * <p>
 * <b>Everyone else.</b> Students who ranked nothing, and those whose choices are all full, are then placed one by one
 * in order of their id on the paper with room that the fewest students asked for (ties: fewer students placed so far,
 * then the lower paper id).
 * <p>
 * <b>Determinism.</b> Students and papers are processed in id order and preference edges in rank order; Dijkstra
 * breaks ties by node number, so the same input always gives the same assignment, whatever order it came in.
 */
public final class PaperMatching {

    /** A student and the ids of the papers they ranked, first choice first. */
    public record Student(long id, List<Long> choices) {
        public Student {
            choices = List.copyOf(choices);
        }
    }

    /** A paper and how many students it may take. */
    public record Paper(long id, int cap) {
    }

    /** Where one student goes; {@code choice} is the rank they gave that paper (1 = first), empty if none. */
    public record Placement(long studentId, long paperId, OptionalInt choice) {
    }

    /** Every student's paper, in student id order. */
    public record Result(List<Placement> placements) {

        /** How many students got one of their choices. */
        public int satisfied() {
            return (int) placements.stream().filter(p -> p.choice().isPresent()).count();
        }

        /** How many students got their {@code rank}-th choice. */
        public int withChoice(int rank) {
            return (int) placements.stream().filter(p -> p.choice().orElse(0) == rank).count();
        }
    }

    private PaperMatching() {
    }

    /** Total places: the sum of the caps. */
    public static long places(List<Paper> papers) {
        return papers.stream().mapToLong(Paper::cap).sum();
    }

    /**
     * @param maxChoices how many ranks a student may give ({@code K} above); choices beyond it are ignored
     * @throws IllegalArgumentException when there are more students than places, or a cap is negative
     */
    public static Result assign(List<Student> studentsIn, List<Paper> papersIn, int maxChoices) {
        List<Student> students = studentsIn.stream().sorted(Comparator.comparingLong(Student::id)).toList();
        List<Paper> papers = papersIn.stream().sorted(Comparator.comparingLong(Paper::id)).toList();
        if (papers.stream().anyMatch(p -> p.cap() < 0)) {
            throw new IllegalArgumentException("negative cap");
        }
        if (students.size() > places(papers)) {
            throw new IllegalArgumentException(students.size() + " students but " + places(papers) + " places");
        }
        int k = Math.max(1, maxChoices);
        int n = students.size();
        int m = papers.size();
        Map<Long, Integer> paperIndex = new HashMap<>();
        for (int j = 0; j < m; j++) {
            paperIndex.put(papers.get(j).id(), j);
        }
        long big = (long) n * k + 1;

        // nodes: 0 source, 1..n students, n+1..n+m papers, n+m+1 sink
        Flow flow = new Flow(n + m + 2);
        int source = 0;
        int sink = n + m + 1;
        for (int i = 0; i < n; i++) {
            flow.edge(source, 1 + i, 1, 0);
            List<Long> choices = students.get(i).choices();
            for (int r = 0; r < Math.min(k, choices.size()); r++) {
                Integer j = paperIndex.get(choices.get(r));
                if (j != null) {
                    flow.edge(1 + i, 1 + n + j, 1, -(big + (k - r)));
                }
            }
        }
        for (int j = 0; j < m; j++) {
            flow.edge(1 + n + j, sink, papers.get(j).cap(), 0);
        }
        flow.minCostFlow(source, sink);

        int[] load = new int[m];
        long[] placedOn = new long[n];
        Arrays.fill(placedOn, -1);
        for (int i = 0; i < n; i++) {
            for (int e : flow.out(1 + i)) {
                if (flow.to[e] > n && flow.to[e] <= n + m && flow.cap[e] == 0 && flow.originalCap[e] == 1) {
                    int j = flow.to[e] - 1 - n;
                    placedOn[i] = papers.get(j).id();
                    load[j]++;
                }
            }
        }

        int[] demand = new int[m];
        for (Student s : students) {
            s.choices().stream().limit(k).map(paperIndex::get).filter(j -> j != null).forEach(j -> demand[j]++);
        }
        List<Placement> placements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Student s = students.get(i);
            if (placedOn[i] < 0) {
                int best = -1;
                for (int j = 0; j < m; j++) {
                    if (load[j] < papers.get(j).cap() && (best < 0 || demand[j] < demand[best]
                            || (demand[j] == demand[best] && load[j] < load[best]))) {
                        best = j;
                    }
                }
                load[best]++;
                placedOn[i] = papers.get(best).id();
            }
            int rank = s.choices().subList(0, Math.min(k, s.choices().size())).indexOf(placedOn[i]);
            placements.add(new Placement(s.id(), placedOn[i], rank < 0 ? OptionalInt.empty() : OptionalInt.of(rank + 1)));
        }
        return new Result(List.copyOf(placements));
    }

    /** A flow network in adjacency arrays; edge {@code e ^ 1} is the reverse of edge {@code e}. */
    private static final class Flow {
        private static final long INF = Long.MAX_VALUE / 4;
        private final int nodes;
        private final List<List<Integer>> adjacency = new ArrayList<>();
        private int[] to = new int[16];
        private long[] cap = new long[16];
        private long[] originalCap = new long[16];
        private long[] cost = new long[16];
        private int edges;

        Flow(int nodes) {
            this.nodes = nodes;
            for (int v = 0; v < nodes; v++) {
                adjacency.add(new ArrayList<>());
            }
        }

        List<Integer> out(int v) {
            return adjacency.get(v);
        }

        void edge(int from, int target, long capacity, long edgeCost) {
            if (edges + 2 > to.length) {
                int size = to.length * 2;
                to = Arrays.copyOf(to, size);
                cap = Arrays.copyOf(cap, size);
                originalCap = Arrays.copyOf(originalCap, size);
                cost = Arrays.copyOf(cost, size);
            }
            add(from, target, capacity, edgeCost);
            add(target, from, 0, -edgeCost);
        }

        private void add(int from, int target, long capacity, long edgeCost) {
            to[edges] = target;
            cap[edges] = capacity;
            originalCap[edges] = capacity;
            cost[edges] = edgeCost;
            adjacency.get(from).add(edges);
            edges++;
        }

        /** Augments along cheapest paths while a path exists and it lowers the total cost. */
        void minCostFlow(int source, int sink) {
            long[] potential = bellmanFord(source);
            long[] dist = new long[nodes];
            int[] via = new int[nodes];
            while (true) {
                Arrays.fill(dist, INF);
                Arrays.fill(via, -1);
                dist[source] = 0;
                PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
                        ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
                queue.add(new long[] {0, source});
                while (!queue.isEmpty()) {
                    long[] top = queue.poll();
                    int u = (int) top[1];
                    if (top[0] > dist[u]) {
                        continue;
                    }
                    for (int e : adjacency.get(u)) {
                        if (cap[e] <= 0) {
                            continue;
                        }
                        int v = to[e];
                        long next = dist[u] + cost[e] + potential[u] - potential[v];
                        if (next < dist[v]) {
                            dist[v] = next;
                            via[v] = e;
                            queue.add(new long[] {next, v});
                        }
                    }
                }
                if (dist[sink] >= INF) {
                    return;
                }
                long pathCost = dist[sink] + potential[sink] - potential[source];
                if (pathCost >= 0) {
                    return;
                }
                long maxFinite = 0;
                for (int v = 0; v < nodes; v++) {
                    if (dist[v] < INF) {
                        maxFinite = Math.max(maxFinite, dist[v]);
                    }
                }
                for (int v = 0; v < nodes; v++) {
                    potential[v] += dist[v] < INF ? dist[v] : maxFinite;
                }
                long push = INF;
                for (int v = sink; v != source; v = to[via[v] ^ 1]) {
                    push = Math.min(push, cap[via[v]]);
                }
                for (int v = sink; v != source; v = to[via[v] ^ 1]) {
                    cap[via[v]] -= push;
                    cap[via[v] ^ 1] += push;
                }
            }
        }

        /** Shortest distances from {@code source} over edges with room; unreachable nodes get 0. */
        private long[] bellmanFord(int source) {
            long[] dist = new long[nodes];
            Arrays.fill(dist, INF);
            dist[source] = 0;
            for (int round = 0; round < nodes; round++) {
                boolean changed = false;
                for (int u = 0; u < nodes; u++) {
                    if (dist[u] >= INF) {
                        continue;
                    }
                    for (int e : adjacency.get(u)) {
                        if (cap[e] > 0 && dist[u] + cost[e] < dist[to[e]]) {
                            dist[to[e]] = dist[u] + cost[e];
                            changed = true;
                        }
                    }
                }
                if (!changed) {
                    break;
                }
            }
            for (int v = 0; v < nodes; v++) {
                if (dist[v] >= INF) {
                    dist[v] = 0;
                }
            }
            return dist;
        }
    }
}
