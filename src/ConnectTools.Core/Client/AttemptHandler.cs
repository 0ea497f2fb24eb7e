using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Client
{
    /// <summary>Sits inside the SDK's retry loop: counts attempts, passes the gate, and reports each attempt's outcome.</summary>
    internal sealed class AttemptHandler : PipelineHandler
    {
        internal IAttemptGate? Gate;
        internal event EventHandler<AttemptEventArgs>? Completed;

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var request = executionContext.RequestContext.OriginalRequest as ConnectRequest;
            string operation = request?.OperationName ?? executionContext.RequestContext.RequestName;
            int attempt = request == null ? 0 : Interlocked.Increment(ref request.Attempts);
            var gate = Gate;
            if (gate != null)
                await gate.WaitAsync(operation, executionContext.RequestContext.CancellationToken).ConfigureAwait(false);

            var watch = Stopwatch.StartNew();
            try
            {
                T result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
                var http = executionContext.ResponseContext.HttpResponse;
                Report(gate, new AttemptEventArgs(operation, request?.ResourceId, attempt, http == null ? 200 : (int)http.StatusCode, null,
                    watch.Elapsed, http?.GetHeaderValue("x-amzn-RequestId")));
                return result;
            }
            catch (Exception e)
            {
                int status = 0;
                string? code = e.GetType().Name, requestId = null;
                if (e is AmazonServiceException ase)
                {
                    status = (int)ase.StatusCode;
                    code = ase.ErrorCode ?? code;
                    requestId = ase.RequestId;
                }
                Report(gate, new AttemptEventArgs(operation, request?.ResourceId, attempt, status, code, watch.Elapsed, requestId));
                // A service exception is not one the SDK retries (no retryable status): an untrusted certificate gets
                // its clear error at once instead of after every attempt.
                if (TransportErrors.IsTlsFailure(e)) throw TransportErrors.ToServiceException(e);
                throw;
            }
        }

        public override void InvokeSync(IExecutionContext executionContext)
        {
            if (executionContext.RequestContext.OriginalRequest is ConnectRequest request) Interlocked.Increment(ref request.Attempts);
            base.InvokeSync(executionContext);
        }

        private void Report(IAttemptGate? gate, AttemptEventArgs args)
        {
            gate?.OnCompleted(args);
            Completed?.Invoke(this, args);
        }
    }
}
