using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Auth
{
    /// <summary>
    /// Gives each HTTP attempt one set of credentials. AWSSDK.Core's Signer asks the credentials object twice per attempt
    /// (once for the X-Amz-Security-Token header, once inside the signer for the key), so a refresh that lands between the
    /// two sends one credential's token with another's signature, which the service refuses (UnrecognizedClientException).
    /// Sits in the retry loop just before the Signer: asks once (the SDK's own refresh logic decides what comes back) and
    /// pins the answer for the rest of this attempt.
    /// </summary>
    public sealed class CredentialPinHandler : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            if (!(executionContext.RequestContext.Identity is ObservedCredentials observed))
            {
                base.InvokeSync(executionContext);
                return;
            }
            var previous = ObservedCredentials.Pinned.Value;
            ObservedCredentials.Pinned.Value = null;
            ObservedCredentials.Pinned.Value = new ObservedCredentials.Pin(observed, observed.GetCredentials());
            try
            {
                base.InvokeSync(executionContext);
            }
            finally
            {
                ObservedCredentials.Pinned.Value = previous;
            }
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            if (!(executionContext.RequestContext.Identity is ObservedCredentials observed))
                return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            // Set here, in this method's own flow, so it flows into the inner handlers (an AsyncLocal set inside an awaited
            // helper would not come back out of it).
            ObservedCredentials.Pinned.Value = null;
            var credentials = await observed.GetCredentialsAsync().ConfigureAwait(false);
            ObservedCredentials.Pinned.Value = new ObservedCredentials.Pin(observed, credentials);
            try
            {
                return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }
            finally
            {
                ObservedCredentials.Pinned.Value = null;
            }
        }
    }
}
