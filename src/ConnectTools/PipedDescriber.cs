using System;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>
    /// Describe calls for ids given on the pipeline, one record at a time: they run concurrently across records (up to
    /// the throttle limit) and their results are written in input order, during later records and at the end.
    /// </summary>
    internal sealed class PipedDescriber : IDisposable
    {
        private readonly OrderedCalls<object> _calls;
        private readonly Action<object?> _writeObject;
        private readonly Action<Exception, object?, string> _writeError;
        private readonly Action _drainMessages;
        private string _notFoundId = "";

        internal PipedDescriber(ListingOptions options, CancellationToken ct, Action<object?> writeObject, Action<Exception, object?, string> writeError, Action drainMessages)
        {
            _calls = new OrderedCalls<object>(options, new ListingMonitor(), ct);
            _writeObject = writeObject;
            _writeError = writeError;
            _drainMessages = drainMessages;
        }

        /// <summary>The error id of the last call's not-found errors.</summary>
        internal string NotFoundId => _notFoundId;

        /// <summary>Starts <paramref name="call"/> for <paramref name="id"/>; writes what is ready at the head.</summary>
        internal void Add<T>(string id, Func<CancellationToken, Task<T>> call, string notFoundId) where T : class
        {
            _notFoundId = notFoundId;
            _calls.Add(id, async ct => (object)await call(ct).ConfigureAwait(false), Deliver, _drainMessages);
        }

        /// <summary>Waits for every call and writes the rest, in order.</summary>
        internal void Finish() => _calls.Finish(Deliver, _drainMessages);

        /// <summary>Waits (bounded) for calls still running; cancel their token first.</summary>
        public void Dispose() => _calls.Dispose();

        private void Deliver(ListingResult<object> result)
        {
            _drainMessages();
            if (result.Error != null) _writeError(result.Error, result.Id, _notFoundId);
            else _writeObject(result.Value);
        }
    }
}
