using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Client
{
    /// <summary>
    /// The SDK's Signer stage without its three asynchronous layers: it signs with the SDK's own
    /// <see cref="Signer.SignRequest(IRequestContext)"/> (credentials, security token header, SigV4), under the same rule
    /// (sign unless already signed and the configuration does not re-sign retries; the retry policy clears IsSigned), and
    /// hands the same task on. Asking the credentials synchronously costs nothing here: <see cref="Auth.CredentialPinHandler"/>
    /// has already fetched them asynchronously and pinned them for the attempt, and fixed keys are at hand.
    /// </summary>
    internal sealed class ConnectSignerStage : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            Sign(executionContext.RequestContext);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Sign(executionContext.RequestContext);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void Sign(IRequestContext requestContext)
        {
            if (requestContext.IsSigned && !requestContext.ClientConfig.ResignRetries) return;
            Signer.SignRequest(requestContext);
            requestContext.IsSigned = true;
        }
    }
}
