using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.Internal.Transform;

namespace ConnectTools.Client
{
    /// <summary>
    /// A response as the SDK's stages see it, read from the HttpResponseMessage where it is: a header value is looked up
    /// when asked for (missing: an empty string, as the SDK's HttpClientResponseData answers), not copied with every other
    /// header into a dictionary, a list and a set on every response.
    /// </summary>
    internal sealed class ConnectResponseData : IWebResponseData
    {
        private readonly HttpResponseMessage _response;

        internal ConnectResponseData(HttpResponseMessage response)
        {
            _response = response;
            ResponseBody = new HttpResponseMessageBody(response, null, false);
        }

        public long ContentLength => _response.Content?.Headers.ContentLength ?? 0;

        public string ContentType => _response.Content?.Headers.ContentType?.MediaType!;

        public HttpStatusCode StatusCode => _response.StatusCode;

        public bool IsSuccessStatusCode => _response.IsSuccessStatusCode;

        public IHttpResponseBody ResponseBody { get; }

        public string GetHeaderValue(string headerName) =>
            First(_response.Headers, headerName) ?? (_response.Content == null ? null : First(_response.Content.Headers, headerName)) ?? string.Empty;

        public bool IsHeaderPresent(string headerName) =>
            First(_response.Headers, headerName) != null || (_response.Content != null && First(_response.Content.Headers, headerName) != null);

        public string[] GetHeaderNames()
        {
            var names = _response.Headers.Select(h => h.Key).ToList();
            if (_response.Content != null)
            {
                foreach (var h in _response.Content.Headers)
                {
                    if (!names.Contains(h.Key)) names.Add(h.Key);
                }
            }
            return names.ToArray();
        }

        private static string? First(HttpHeaders headers, string name)
        {
#if NET
            if (!headers.NonValidated.TryGetValues(name, out var values)) return null;
            foreach (var v in values) return v;
            return string.Empty;
#else
            return headers.TryGetValues(name, out var values) ? values.FirstOrDefault() ?? string.Empty : null;
#endif
        }

        public IEventStreamHeader GetEventStreamHeader(string headerName) => null!;

        public bool IsEventHeaderPresent(string headerName) => false;
    }
}
