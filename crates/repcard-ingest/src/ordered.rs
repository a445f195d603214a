//! Work on files in parallel, results taken in file order: worker threads take the files one
//! after another and read them; the calling thread merges each file's result as soon as every
//! file before it has been merged. At most one file more than there are workers is taken
//! and not merged yet, so memory holds a few files' results at most.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Calls `read` on every item of `items`, on `workers` threads, and `merge` on each result in
/// the order of `items`, on the calling thread.
pub(crate) fn read_in_order<I: Sync, T: Send>(
    items: &[I],
    workers: usize,
    read: impl Fn(&I) -> T + Sync,
    mut merge: impl FnMut(&I, T),
) {
    let workers = workers.clamp(1, items.len().max(1));
    if workers == 1 {
        for item in items {
            merge(item, read(item));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    // Files taken and not merged yet may be at most `workers + 1`.
    let permits = (Mutex::new(workers + 1), Condvar::new());
    // Set when a worker panics: its result never comes, so the others must stop waiting for
    // permits, or the merge would wait for ever instead of the panic reaching the caller.
    let stop = AtomicBool::new(false);
    let (send, receive) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, read, permits, stop) = (&next, &read, &permits, &stop);
            scope.spawn(move || {
                let _on_panic = StopOthers { stop, permits };
                loop {
                    {
                        let mut free = permits.0.lock().unwrap_or_else(|e| e.into_inner());
                        while *free == 0 && !stop.load(Ordering::Relaxed) {
                            free = permits.1.wait(free).unwrap_or_else(|e| e.into_inner());
                        }
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        *free -= 1;
                    }
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(k) else {
                        break;
                    };
                    if send.send((k, read(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (k, result) in receive {
            waiting.insert(k, result);
            while let Some(result) = waiting.remove(&due) {
                merge(&items[due], result);
                due += 1;
                *permits.0.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                permits.1.notify_one();
            }
        }
    });
}

/// [`read_in_order`] with each item read into a buffer that the merge hands back for a later
/// item. Memory a worker allocates and the merging thread frees stays with the worker's
/// allocator arena (at 3.5 M leads, 30-50 MB more peak memory when each file had buffers of
/// its own); reused buffers allocate once. `read` gets a buffer (new or used: it clears what
/// it needs) and returns it filled, or the error that stopped it; `merge` gets it in item order.
pub(crate) fn read_in_order_reusing<I: Sync, B: Default + Send>(
    items: &[I],
    workers: usize,
    read: impl Fn(&I, B) -> anyhow::Result<B> + Sync,
    mut merge: impl FnMut(&I, anyhow::Result<&mut B>),
) {
    let spare: Mutex<Vec<B>> = Mutex::new(Vec::new());
    read_in_order(
        items,
        workers,
        |item| {
            let buffer = spare.lock().ok().and_then(|mut s| s.pop());
            read(item, buffer.unwrap_or_default())
        },
        |item, read| match read {
            Ok(mut buffer) => {
                merge(item, Ok(&mut buffer));
                if let Ok(mut s) = spare.lock() {
                    s.push(buffer);
                }
            }
            Err(e) => merge(item, Err(e)),
        },
    );
}

/// Wakes the other workers and tells them to stop when the worker holding it panics.
struct StopOthers<'a> {
    stop: &'a AtomicBool,
    permits: &'a (Mutex<usize>, Condvar),
}

impl Drop for StopOthers<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.stop.store(true, Ordering::Relaxed);
            // Taking the lock orders the flag before any waiter's next check.
            drop(self.permits.0.lock().unwrap_or_else(|e| e.into_inner()));
            self.permits.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_merged_in_item_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..40).collect();
        for workers in [1, 2, 3, 8] {
            let mut merged = Vec::new();
            read_in_order(
                &items,
                workers,
                |&i| {
                    // Early items take longest, so later ones finish first.
                    std::thread::sleep(std::time::Duration::from_millis((40 - i) % 7));
                    i * i
                },
                |&i, square| merged.push((i, square)),
            );
            let expected: Vec<(u64, u64)> = items.iter().map(|&i| (i, i * i)).collect();
            assert_eq!(merged, expected, "{workers} workers");
        }
    }

    #[test]
    fn buffers_are_handed_back_and_reused_and_results_keep_item_order() {
        let items: Vec<u64> = (0..40).collect();
        for workers in [1, 2, 3] {
            let fresh = std::sync::atomic::AtomicUsize::new(0);
            let mut merged = Vec::new();
            read_in_order_reusing(
                &items,
                workers,
                |&i, mut buffer: Vec<u64>| {
                    if buffer.capacity() == 0 {
                        fresh.fetch_add(1, Ordering::Relaxed);
                    }
                    buffer.clear();
                    anyhow::ensure!(i != 7, "item 7 cannot be read");
                    buffer.extend([i, i * i]);
                    std::thread::sleep(std::time::Duration::from_millis((40 - i) % 5));
                    Ok(buffer)
                },
                |&i, buffer| merged.push((i, buffer.map(|b| b.clone()).map_err(|e| e.to_string()))),
            );
            let expected: Vec<(u64, Result<Vec<u64>, String>)> = items
                .iter()
                .map(|&i| match i {
                    7 => (i, Err("item 7 cannot be read".to_string())),
                    _ => (i, Ok(vec![i, i * i])),
                })
                .collect();
            assert_eq!(merged, expected, "{workers} workers");
            // At most `workers + 1` items are read and not merged yet, each with its buffer,
            // and one more may be on its way back: never a buffer per item.
            let fresh = fresh.load(Ordering::Relaxed);
            assert!(
                fresh <= workers + 2,
                "{workers} workers: {fresh} new buffers"
            );
        }
    }

    #[test]
    fn a_panicking_read_reaches_the_caller_instead_of_hanging() {
        let items: Vec<u64> = (0..40).collect();
        let outcome = std::panic::catch_unwind(|| {
            read_in_order(
                &items,
                2,
                |&i| {
                    assert!(i != 3, "read failed on item 3");
                    // Later items wait for item 3's merge, which never comes.
                    std::thread::sleep(std::time::Duration::from_millis(1));
                    i
                },
                |_, _| {},
            );
        });
        assert!(outcome.is_err());
    }
}
