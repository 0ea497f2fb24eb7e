using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Client
{
    /// <summary>Reads a successful response's body straight from the HTTP content stream.</summary>
    internal interface IConnectBodyReader
    {
        Task<AmazonWebServiceResponse> ReadAsync(Stream body, long contentLength, CancellationToken cancellationToken);
    }

    /// <summary>
    /// In place of the SDK's Unmarshaller stage: a successful body is read whole from the content stream, asynchronously,
    /// and parsed by <see cref="WireReader"/>, without the SDK's unmarshaller context and its stream wrappers. An error response
    /// never gets here as a response (the HTTP stage throws HttpErrorResponseException), so the SDK's ErrorHandler still
    /// reads errors with <see cref="ConnectUnmarshaller{T}.UnmarshallException"/>, as before. Cancellation and failures
    /// surface as they did from the SDK's asynchronous path.
    /// </summary>
    internal sealed class ConnectUnmarshalStage : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext) =>
            throw new NotSupportedException("ConnectClient makes asynchronous calls only.");

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            var requestContext = executionContext.RequestContext;
            var http = executionContext.ResponseContext.HttpResponse;
            var reader = (IConnectBodyReader)requestContext.Unmarshaller;
            var cancellationToken = requestContext.CancellationToken;
            var abort = cancellationToken.Register(http.ResponseBody.Dispose);
            try
            {
                var stream = await http.ResponseBody.OpenResponseAsync().ConfigureAwait(false);
                try
                {
                    executionContext.ResponseContext.Response = await reader.ReadAsync(stream, http.ContentLength, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // As the SDK's JsonResponseUnmarshaller does: an unreadable body (retried when the status is 200).
                    throw new AmazonUnmarshallingException(http.GetHeaderValue("x-amzn-RequestId"), null, e, http.StatusCode);
                }
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && !(e is OperationCanceledException))
            {
#if NET
                throw new TaskCanceledException(e.Message, e, cancellationToken);
#else
                throw new TaskCanceledException(e.Message, e);
#endif
            }
            finally
            {
                abort.Dispose();
                http.ResponseBody.Dispose();
            }
            return (T)executionContext.ResponseContext.Response;
        }
    }
}
