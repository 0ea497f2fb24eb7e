using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace ConnectTools.Client
{
    /// <summary>
    /// The HTTP request factory of <see cref="ConnectClient"/>'s HttpHandler stage: one HttpRequestMessage per attempt with
    /// exactly the signed request's headers, sent on the HttpClient of <see cref="ConnectHttpClientFactory"/> (asked once,
    /// not per request), answered by a <see cref="ConnectResponseData"/> that reads headers where they are instead of
    /// copying them all into dictionaries. What the SDK's HttpWebRequestMessage does and Connect uses, it does alike: the
    /// same status handling (HttpErrorResponseException for a non-success status, read by the ErrorHandler) and the same
    /// exception unwrapping, so retries and error parsing see what they saw before.
    /// </summary>
    internal sealed class ConnectHttpRequestFactory : IHttpRequestFactory<HttpContent>
    {
        private readonly IClientConfig _config;
        private readonly HttpClient _client;

        internal ConnectHttpRequestFactory(IClientConfig config, HttpClient client)
        {
            _config = config;
            _client = client;
        }

        public IHttpRequest<HttpContent> CreateHttpRequest(Uri requestUri) => new ConnectHttpRequest(_client, requestUri, _config);

        public void Dispose()
        {
        }
    }

    internal sealed class ConnectHttpRequest : IHttpRequest<HttpContent>
    {
        private readonly HttpClient _client;
        private readonly IClientConfig _config;
        private readonly HttpRequestMessage _request;

        internal ConnectHttpRequest(HttpClient client, Uri requestUri, IClientConfig config)
        {
            _client = client;
            _config = config;
            _request = new HttpRequestMessage { RequestUri = requestUri };
        }

        public string Method
        {
            get => _request.Method.Method;
            set => _request.Method = value == "GET" ? HttpMethod.Get : value == "POST" ? HttpMethod.Post : new HttpMethod(value);
        }

        public Uri RequestUri => _request.RequestUri!;

        public Version HttpProtocolVersion
        {
            get => _request.Version;
            set { if (value != null) _request.Version = value; }
        }

        /// <summary>No Connect request asks for Expect: 100-continue; setting it false would only allocate a header store.</summary>
        public void ConfigureRequest(IRequestContext requestContext)
        {
        }

        public void SetRequestHeaders(IDictionary<string, string> headers)
        {
            foreach (var header in headers)
            {
                if (!IsContentHeader(header.Key)) _request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        /// <summary>The headers the SDK's HttpWebRequestMessage leaves to the content (Content-Type and its kind).</summary>
        internal static bool IsContentHeader(string name) => ContentHeaderNames.Contains(name);

        private static readonly HashSet<string> ContentHeaderNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Content-Length", "Content-Type", "Content-Range", "Content-MD5", "Content-Encoding", "Content-Language", "Content-Disposition", "Expires",
        };

        public HttpContent GetRequestContent() => _request.Content!;

        public Task<HttpContent> GetRequestContentAsync() => Task.FromResult(_request.Content!);

        public void WriteToRequestBody(HttpContent requestContent, byte[] content, IDictionary<string, string> contentHeaders)
        {
            _request.Content = new ByteArrayContent(content);
            _request.Content.Headers.ContentLength = content.Length;
            WriteContentHeaders(contentHeaders);
        }

        public void WriteToRequestBody(HttpContent requestContent, ReadOnlyMemory<byte> content, IDictionary<string, string> contentHeaders)
        {
#if NET
            _request.Content = new ReadOnlyMemoryContent(content);
            _request.Content.Headers.ContentLength = content.Length;
            WriteContentHeaders(contentHeaders);
#else
            WriteToRequestBody(requestContent, content.ToArray(), contentHeaders);
#endif
        }

        public void WriteToRequestBody(HttpContent requestContent, Stream contentStream, IDictionary<string, string> contentHeaders, IRequestContext requestContext)
        {
            // Connect bodies are byte arrays (SearchUsers' JSON); a stream is copied so that a retry can send it again.
            var copy = new MemoryStream();
            contentStream.CopyTo(copy);
            WriteToRequestBody(requestContent, copy.ToArray(), contentHeaders);
        }

        private void WriteContentHeaders(IDictionary<string, string> headers)
        {
            foreach (var header in headers)
            {
                if (!IsContentHeader(header.Key) || string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(header.Key, "Expires", StringComparison.OrdinalIgnoreCase)) continue;
                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                    _request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value);
                else
                    _request.Content!.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        public IHttpRequestStreamHandle SetupHttpRequestStreamPublisher(IDictionary<string, string> contentHeaders, IHttpRequestStreamPublisher publisher) =>
            throw new NotSupportedException("Connect has no event-stream operations.");

        public Stream SetupProgressListeners(Stream originalStream, long progressUpdateInterval, object sender, EventHandler<StreamTransferProgressArgs> callback) =>
            originalStream;

        public void Abort()
        {
        }

        public IWebResponseData GetResponse() => GetResponseAsync(CancellationToken.None).GetAwaiter().GetResult();

        public async Task<IWebResponseData> GetResponseAsync(CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(_request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is IOException io)
            {
                // As the SDK's own request does: a reset or aborted connection is an IOException to the retry policy.
                ExceptionDispatchInfo.Capture(io).Throw();
                throw;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && e.InnerException != null)
            {
                // HttpClient's timeout: the TimeoutException inside.
                throw e.InnerException;
            }

            var data = new ConnectResponseData(response);
            int status = (int)response.StatusCode;
            if (!_config.AllowAutoRedirect && status >= 300 && status < 400) return data;
            if (!response.IsSuccessStatusCode) throw new HttpErrorResponseException(data);
            return data;
        }

        public void Dispose() => _request.Dispose();
    }
}
