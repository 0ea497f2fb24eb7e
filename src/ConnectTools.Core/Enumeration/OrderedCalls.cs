using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// Runs calls that arrive one at a time (ids from the pipeline) concurrently, up to ThrottleLimit at once, and hands
    /// back their results in the order the calls were given, on the caller's thread: whatever has finished at the head
    /// after each call is added, and the rest at the end. At most ReorderWindow results wait, so memory stays bounded.
    /// </summary>
    public sealed class OrderedCalls<T> : IDisposable
    {
        private readonly Queue<(string Id, Task<T> Task)> _pending = new Queue<(string, Task<T>)>();
        private readonly SemaphoreSlim _slots;
        private readonly int _window;
        private readonly ListingOptions _options;
        private readonly ListingMonitor _monitor;
        private readonly CancellationToken _ct;

        public OrderedCalls(ListingOptions options, ListingMonitor monitor, CancellationToken ct)
        {
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _options = options;
            _monitor = monitor;
            _ct = ct;
            _slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            _window = Math.Max(options.ReorderWindow, options.ThrottleLimit * 2);
        }

        /// <summary>Results waiting or running.</summary>
        public int Pending => _pending.Count;

        /// <summary>
        /// Starts <paramref name="call"/>; first delivers, in order, what has to finish to make room. Then delivers
        /// whatever is already done at the head.
        /// </summary>
        public void Add(string id, Func<CancellationToken, Task<T>> call, Action<ListingResult<T>> deliver, Action? onIdle = null)
        {
            while (_pending.Count > 0 && (_pending.Count >= _window || _slots.CurrentCount == 0))
                DeliverHead(deliver, onIdle);
            _slots.Wait(_ct);
            _pending.Enqueue((id, RunAsync(call)));
            DeliverCompleted(deliver);
        }

        /// <summary>Delivers what is done at the head, without waiting.</summary>
        public void DeliverCompleted(Action<ListingResult<T>> deliver)
        {
            while (_pending.Count > 0 && _pending.Peek().Task.IsCompleted) Deliver(_pending.Dequeue(), deliver);
        }

        /// <summary>Waits for every call and delivers them all, in order.</summary>
        public void Finish(Action<ListingResult<T>> deliver, Action? onIdle = null)
        {
            while (_pending.Count > 0) DeliverHead(deliver, onIdle);
        }

        /// <summary>Waits (quietly, bounded) for calls still running; cancel their token first.</summary>
        public void Dispose()
        {
            foreach (var (_, task) in _pending)
            {
                try { task.Wait(TimeSpan.FromSeconds(30)); }
                catch (AggregateException) { }
            }
            _pending.Clear();
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

        private void DeliverHead(Action<ListingResult<T>> deliver, Action? onIdle)
        {
            var head = _pending.Peek();
            while (!WaitDone(head.Task)) onIdle?.Invoke();
            Deliver(_pending.Dequeue(), deliver);
        }

        private bool WaitDone(Task task)
        {
            try { return task.Wait(250, _ct); }
            catch (AggregateException) { return true; }
        }

        private void Deliver((string Id, Task<T> Task) item, Action<ListingResult<T>> deliver)
        {
            var task = item.Task;
            ListingResult<T> result;
            if (task.IsFaulted)
                result = new ListingResult<T>(item.Id, default, task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerExceptions[0] : task.Exception);
            else if (task.IsCanceled)
            {
                _ct.ThrowIfCancellationRequested();
                result = new ListingResult<T>(item.Id, default, new TimeoutException("The call for '" + item.Id + "' was cancelled before it completed (a timeout)."));
            }
            else
                result = new ListingResult<T>(item.Id, task.Result, null);
            _monitor.OneDelivered(result.Error != null);
            deliver(result);
        }
    }
}
