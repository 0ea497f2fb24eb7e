using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.WarmUp
{
    /// <summary>
    /// A warm-up transport in place of the HTTP stack: answers each Connect request with <see cref="CannedConnect"/>'s body,
    /// in memory, after a yield (so every stage above awaits as it does on a real connection). Nothing is sent anywhere.
    /// </summary>
    internal sealed class CannedConnectHandler : HttpMessageHandler
    {
        private int _answered;

        /// <summary>Requests answered so far.</summary>
        internal int Answered => Volatile.Read(ref _answered);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            string? body = CannedConnect.Body(request.RequestUri?.AbsolutePath ?? "");
            if (body == null) return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };

            Interlocked.Increment(ref _answered);
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", CannedConnect.RequestId);
            return response;
        }
    }
}
