using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Gives each request, and each retry of it, one set of credentials. AWSSDK.Core asks the credentials object several
    /// times per request (the Signer once for the X-Amz-Security-Token header and once inside the signer for the key,
    /// and elsewhere before that), so a refresh that lands in between sends one credential's token with another's
    /// signature, which the service refuses (UnrecognizedClientException). Two instances: the outermost handler asks once
    /// per request and pins the answer; the one just before the Signer asks again for a retry (a retry may come long after
    /// the first attempt) and pins that for the attempt. What comes back is always the SDK's own refresh logic's answer.
    /// </summary>
    public sealed class CredentialPinHandler : PipelineHandler
    {
        private readonly bool _retriesOnly;

        /// <param name="retriesOnly">False: pin once per request (outermost). True: pin afresh for each retry (before the Signer).</param>
        public CredentialPinHandler(bool retriesOnly) => _retriesOnly = retriesOnly;

        private ObservedCredentials? Target(IExecutionContext context)
        {
            var request = context.RequestContext;
            if (!((request.Identity ?? request.ExplicitAWSCredentials) is ObservedCredentials observed)) return null;
            return _retriesOnly && request.Retries == 0 ? null : observed;
        }

        public override void InvokeSync(IExecutionContext executionContext)
        {
            var observed = Target(executionContext);
            if (observed == null)
            {
                base.InvokeSync(executionContext);
                return;
            }
            var previous = ObservedCredentials.Pinned.Value;
            ObservedCredentials.Pinned.Value = new ObservedCredentials.Pin(observed, observed.GetCredentials(ignorePin: true));
            try
            {
                base.InvokeSync(executionContext);
            }
            finally
            {
                ObservedCredentials.Pinned.Value = previous;
            }
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var observed = Target(executionContext);
            // Fixed keys (and a first attempt, for the per-retry pin): nothing to pin, and no async layer of its own.
            return observed == null ? base.InvokeAsync<T>(executionContext) : PinnedAsync<T>(executionContext, observed);
        }

        private async Task<T> PinnedAsync<T>(IExecutionContext executionContext, ObservedCredentials observed) where T : AmazonWebServiceResponse, new()
        {
            // Set in this method's own flow, so it flows into the inner handlers (an AsyncLocal set inside an awaited
            // helper would not come back out of it); the caller's value is untouched when this method returns.
            var credentials = await observed.GetCredentialsAsync(ignorePin: true).ConfigureAwait(false);
            ObservedCredentials.Pinned.Value = new ObservedCredentials.Pin(observed, credentials);
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
    }
}
