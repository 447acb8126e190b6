package io.lecturelab.ml.djl;

import ai.djl.ndarray.NDManager;
import io.lecturelab.ml.ClassSet;
import io.lecturelab.ml.data.Cifar10Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares each loaded {@link DeviceDataset} between all jobs that train on it. Key: data folder, class set,
 * checksum of the files and preprocessing method. Jobs hold a {@link Lease}; an entry with no lease stays loaded
 * (at most {@code maxIdle} such entries, least recently used dropped first) so that the next job starts at once.
 */
final class DatasetCache implements AutoCloseable {

    record Key(String dir, ClassSet classes, String checksum, String preprocessing) {
    }

    private static final class Entry {
        final DeviceDataset dataset;
        int leases;

        Entry(DeviceDataset dataset) {
            this.dataset = dataset;
        }
    }

    /** A job's hold on a dataset; closing it gives the hold back. */
    final class Lease implements AutoCloseable {
        private final Key key;
        private final DeviceDataset dataset;
        private boolean closed;

        Lease(Key key, DeviceDataset dataset) {
            this.key = key;
            this.dataset = dataset;
        }

        DeviceDataset dataset() {
            return dataset;
        }

        @Override
        public void close() {
            synchronized (DatasetCache.this) {
                if (!closed) {
                    closed = true;
                    release(key);
                }
            }
        }
    }

    private final Cifar10Files files;
    private final NDManager manager;
    private final int maxIdle;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);
    private int loads;

    DatasetCache(Cifar10Files files, NDManager manager, int maxIdle) {
        this.files = files;
        this.manager = manager;
        this.maxIdle = maxIdle;
    }

    synchronized Lease acquire(ClassSet classes) {
        Key key = new Key(files.dir().toAbsolutePath().normalize().toString(), classes,
                files.datasetChecksum(classes), io.lecturelab.ml.Preprocessing.MEAN_IMAGE_SCALE);
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry(DeviceDataset.load(files, classes, manager));
            loads++;
            entries.put(key, e);
        }
        e.leases++;
        trimIdle();
        return new Lease(key, e.dataset);
    }

    private void release(Key key) {
        Entry e = entries.get(key);
        if (e != null) {
            e.leases--;
            trimIdle();
        }
    }

    private void trimIdle() {
        List<Key> idle = new ArrayList<>();
        for (Map.Entry<Key, Entry> me : entries.entrySet()) {
            if (me.getValue().leases == 0) {
                idle.add(me.getKey());
            }
        }
        for (int i = 0; i < idle.size() - maxIdle; i++) {
            entries.remove(idle.get(i)).dataset.close();
        }
    }

    /** Drops every dataset that no job holds. */
    synchronized void evictIdle() {
        entries.entrySet().removeIf(me -> {
            if (me.getValue().leases == 0) {
                me.getValue().dataset.close();
                return true;
            }
            return false;
        });
    }

    /** How many times a dataset was read and loaded to the device. */
    synchronized int loads() {
        return loads;
    }

    synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void close() {
        entries.values().forEach(e -> e.dataset.close());
        entries.clear();
    }
}
