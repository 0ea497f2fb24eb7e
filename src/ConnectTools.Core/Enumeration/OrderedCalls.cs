using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// ConnectTools' one ordered-concurrency primitive: calls run concurrently, up to ThrottleLimit at once, each with
    /// the throttle retries of <see cref="ThrottleRetries"/>, and their results are handed back in the order the calls
    /// were given, on the consumer's thread. At most ReorderWindow results wait or run, so memory stays bounded.
    /// It is fed in one of two ways:
    /// <list type="bullet">
    /// <item>one call at a time from the consumer's own thread (ids piped one record at a time): <see cref="Add"/>,
    /// <see cref="DeliverCompleted"/> and <see cref="Finish"/> deliver whatever has finished at the head, and the rest
    /// at the end;</item>
    /// <item>by one producer task while the consumer reads <see cref="Results"/> (listings, see
    /// <see cref="ListingEngine"/>): <see cref="StartAsync"/>, <see cref="AddValueAsync"/>, <see cref="Fail"/> and
    /// <see cref="CompleteAdding"/>.</item>
    /// </list>
    /// </summary>
    public sealed class OrderedCalls<T> : IDisposable
    {
        private static readonly TimeSpan IdleInterval = TimeSpan.FromMilliseconds(250);

        private readonly ConcurrentQueue<Entry> _entries = new ConcurrentQueue<Entry>();
        private readonly SemaphoreSlim _window;   // places for results waiting or running
        private readonly SemaphoreSlim _slots;    // calls running
        private readonly SemaphoreSlim _arrived = new SemaphoreSlim(0, 1);
        private readonly int _windowSize;
        private readonly ListingOptions _options;
        private readonly ListingMonitor _monitor;
        private readonly CancellationToken _ct;
        private volatile bool _addingCompleted;

        private sealed class Entry
        {
            internal string Id = "";
            internal Task<T>? Call;     // null: Value is the result
            internal T? Value;
            internal Exception? Fatal;  // the producer failed: thrown to the consumer in this place
        }

        public OrderedCalls(ListingOptions options, ListingMonitor monitor, CancellationToken ct)
        {
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _options = options;
            _monitor = monitor;
            _ct = ct;
            _slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            _windowSize = Math.Max(options.ReorderWindow, options.ThrottleLimit * 2);
            _window = new SemaphoreSlim(_windowSize, _windowSize);
        }

        /// <summary>Results waiting or running.</summary>
        public int Pending => _entries.Count;

        /// <summary>
        /// Starts <paramref name="call"/>; first delivers, in order, what has to finish to make room. Then delivers
        /// whatever is already done at the head.
        /// </summary>
        public void Add(string id, Func<CancellationToken, Task<T>> call, Action<ListingResult<T>> deliver, Action? onIdle = null)
        {
            while (Pending > 0 && (Pending >= _windowSize || _slots.CurrentCount == 0))
                deliver(TakeHead(onIdle, IdleInterval));
            _window.Wait(_ct);
            _slots.Wait(_ct);
            Enqueue(new Entry { Id = id, Call = RunAsync(call) });
            DeliverCompleted(deliver);
        }

        /// <summary>Delivers what is done at the head, without waiting.</summary>
        public void DeliverCompleted(Action<ListingResult<T>> deliver)
        {
            while (_entries.TryPeek(out var head) && (head.Call == null || head.Call.IsCompleted)) deliver(TakeHead(null, IdleInterval));
        }

        /// <summary>Waits for every call and delivers them all, in order.</summary>
        public void Finish(Action<ListingResult<T>> deliver, Action? onIdle = null)
        {
            while (Pending > 0) deliver(TakeHead(onIdle, IdleInterval));
        }

        /// <summary>
        /// The producer's way in: waits (asynchronously) for a place in the window and a free call slot, then starts
        /// <paramref name="call"/>. One producer at a time.
        /// </summary>
        public async Task StartAsync(string id, Func<CancellationToken, Task<T>> call)
        {
            await _window.WaitAsync(_ct).ConfigureAwait(false);
            await _slots.WaitAsync(_ct).ConfigureAwait(false);
            Enqueue(new Entry { Id = id, Call = RunAsync(call) });
        }

        /// <summary>The producer's way in for a result that needs no call; it waits for a place in the window.</summary>
        public async Task AddValueAsync(string id, T value)
        {
            await _window.WaitAsync(_ct).ConfigureAwait(false);
            Enqueue(new Entry { Id = id, Value = value });
        }

        /// <summary>The producer failed: the consumer gets the results before this place, then <paramref name="error"/> is thrown.</summary>
        public void Fail(Exception error) => Enqueue(new Entry { Fatal = error });

        /// <summary>The producer is done: <see cref="Results"/> ends once the results before are delivered.</summary>
        public void CompleteAdding()
        {
            _addingCompleted = true;
            Signal();
        }

        /// <summary>
        /// The consumer's side while a producer adds: each result in order as soon as it is done, until
        /// <see cref="CompleteAdding"/>. <paramref name="onIdle"/> is called about every <paramref name="idleInterval"/>
        /// while it waits.
        /// </summary>
        public IEnumerable<ListingResult<T>> Results(Action? onIdle, TimeSpan idleInterval)
        {
            while (WaitForHead(onIdle, idleInterval)) yield return TakeHead(onIdle, idleInterval);
        }

        /// <summary>Waits (quietly, bounded) for calls still running; cancel their token first.</summary>
        public void Dispose()
        {
            while (_entries.TryDequeue(out var entry))
            {
                if (entry.Call == null) continue;
                try { entry.Call.Wait(TimeSpan.FromSeconds(30)); }
                catch (AggregateException) { }
            }
        }

        private async Task<T> RunAsync(Func<CancellationToken, Task<T>> call)
        {
            try
            {
                return await ThrottleRetries.RunAsync(call, _options, _monitor, _ct).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        private void Enqueue(Entry entry)
        {
            _entries.Enqueue(entry);
            Signal();
        }

        /// <summary>Wakes a consumer waiting in <see cref="WaitForHead"/> (one producer: the count stays at most 1).</summary>
        private void Signal()
        {
            if (_arrived.CurrentCount > 0) return;
            try { _arrived.Release(); }
            catch (SemaphoreFullException) { }
        }

        /// <summary>True once there is a result at the head; false when the producer is done and all was delivered.</summary>
        private bool WaitForHead(Action? onIdle, TimeSpan idleInterval)
        {
            while (true)
            {
                bool completed = _addingCompleted;
                if (!_entries.IsEmpty) return true;
                if (completed) return false;
                if (_arrived.Wait(idleInterval)) continue;
                onIdle?.Invoke();
                _ct.ThrowIfCancellationRequested();
            }
        }

        /// <summary>Waits for the call at the head to end and takes its result (or throws the producer's failure).</summary>
        private ListingResult<T> TakeHead(Action? onIdle, TimeSpan idleInterval)
        {
            _entries.TryPeek(out var head);
            if (head!.Call != null)
                while (!WaitDone(head.Call, idleInterval)) onIdle?.Invoke();
            _entries.TryDequeue(out _);
            if (head.Fatal != null) throw head.Fatal;
            _window.Release();
            var result = ResultOf(head);
            _monitor.OneDelivered(result.Error != null);
            return result;
        }

        /// <summary>True once the task has ended (in any state); throws only when the calls are cancelled.</summary>
        private bool WaitDone(Task task, TimeSpan timeout)
        {
            try { return task.Wait((int)timeout.TotalMilliseconds, _ct); }
            catch (AggregateException) { return true; }
        }

        private ListingResult<T> ResultOf(Entry entry)
        {
            var call = entry.Call;
            if (call == null) return new ListingResult<T>(entry.Id, entry.Value, null);
            if (call.IsFaulted)
                return new ListingResult<T>(entry.Id, default, call.Exception!.InnerExceptions.Count == 1 ? call.Exception.InnerExceptions[0] : call.Exception);
            if (call.IsCanceled)
            {
                _ct.ThrowIfCancellationRequested();
                return new ListingResult<T>(entry.Id, default, new TimeoutException("The call for '" + entry.Id + "' was cancelled before it completed (a timeout)."));
            }
            return new ListingResult<T>(entry.Id, call.Result, null);
        }
    }
}
