using System;
using System.Management.Automation;
using System.Threading;

namespace ConnectTools.Commands
{
    /// <summary>
    /// The bottom of the ConnectTools cmdlets: Ctrl+C (StopProcessing) cancels the calls in flight through
    /// <see cref="CancelToken"/>, whatever still runs when the command ends is cancelled and awaited, and what a unit
    /// of work throws becomes the right ErrorRecord (<see cref="ErrorMapping"/>).
    /// </summary>
    public abstract class ConnectCancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private bool _disposed;

        protected CancellationToken CancelToken => _cancel.Token;

        protected override void StopProcessing() => _cancel.Cancel();

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            // Whatever still runs (the command was stopped, or a later command stopped reading) is cancelled first,
            // then awaited by Dispose(true).
            _cancel.Cancel();
            Dispose(true);
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the cmdlet holds; <see cref="CancelToken"/> is already cancelled.</summary>
        protected virtual void Dispose(bool disposing)
        {
        }

        /// <summary>
        /// Runs one unit of work, turning what it throws into the right ErrorRecord: input errors and per-item service
        /// errors are non-terminating; configuration and authentication errors end the command.
        /// </summary>
        protected void Guard(Action work, object? target, string notFoundId)
        {
            try
            {
                work();
            }
            catch (Exception e) when (IsCancellation(e))
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (ErrorMapping.IsTerminating(e))
            {
                ThrowTerminatingError(ErrorMapping.ToRecord(e, target, notFoundId));
            }
            catch (Exception e) when (ErrorMapping.IsMapped(e))
            {
                WriteError(ErrorMapping.ToRecord(e, target, notFoundId));
            }
        }

        /// <summary>Writes the error for one item of a listing (non-terminating unless it is an authentication failure).</summary>
        protected void WriteItemError(Exception e, object? target, string notFoundId)
        {
            if (ErrorMapping.IsTerminating(e)) ThrowTerminatingError(ErrorMapping.ToRecord(e, target, notFoundId));
            WriteError(ErrorMapping.ToRecord(e, target, notFoundId));
        }

        private bool IsCancellation(Exception e) =>
            _cancel.IsCancellationRequested && (e is OperationCanceledException || e is AggregateException || e.InnerException is OperationCanceledException);
    }
}
