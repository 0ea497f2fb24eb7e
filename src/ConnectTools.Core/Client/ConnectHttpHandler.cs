using System;
using System.Net.Http;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Client
{
    /// <summary>
    /// The SDK's HttpHandler stage (clock-skew recording, User-Agent, request body), with the request Uri of a GET
    /// (DescribeUser, DescribeInstance, ListInstances, ListUsers) written directly: the endpoint's Uri, the path with its
    /// ids and the query, when every path segment and every query name and value is made of RFC 3986 unreserved
    /// characters and so needs no encoding. That is the Uri the SDK's ComposeUrl makes for it, without its segment
    /// splitting, sorted-set walk, encoding iterators and string builders. Anything else goes the SDK's way.
    /// </summary>
    internal sealed class ConnectHttpHandler : HttpHandler<HttpContent>
    {
        private readonly ConnectHttpRequestFactory _factory;

        internal ConnectHttpHandler(ConnectHttpRequestFactory factory, object callbackSender)
            : base(factory, callbackSender)
        {
            _factory = factory;
        }

        protected override IHttpRequest<HttpContent> CreateWebRequest(IRequestContext requestContext)
        {
            var request = requestContext.Request;
            var uri = request.HttpMethod == "GET" && request.EventStreamPublisher == null && request.SubResources.Count == 0
                ? PlainUri(request.Endpoint, request.ResourcePath, request)
                : null;
            if (uri == null) return base.CreateWebRequest(requestContext);
            var http = _factory.CreateHttpRequest(uri);
            http.HttpProtocolVersion = request.HttpProtocolVersion;
            http.Method = request.HttpMethod;
            return http;
        }

        /// <summary>The Uri of a path and query that need no encoding, as ComposeUrl writes it; null for any other request.</summary>
        internal static Uri? PlainUri(Uri endpoint, string? resourcePath, IRequest request)
        {
            string? path = PlainPath(resourcePath, request);
            if (path == null) return null;
            string? query = PlainQuery(request);
            if (query == null) return null;
            string root = endpoint.AbsoluteUri;
            string text = root.EndsWith("/", StringComparison.Ordinal) ? root + path.Substring(1) : root + path;
            if (query.Length > 0) text = text + "?" + query;
#if NET
            var options = new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = !AWSConfigs.DisableDangerousDisablePathAndQueryCanonicalization };
            return new Uri(text, in options);
#else
            return new Uri(text);
#endif
        }

        /// <summary>
        /// "/users/{id}/{id}" with its ids put in, when every segment is non-empty and made of unreserved characters (so
        /// encoding it, once or twice, leaves it as it is); else null.
        /// </summary>
        internal static string? PlainPath(string? resourcePath, IRequest request)
        {
            // The marshaller knows it already (one concatenation, checked there); a hand-made request is worked out here.
            if (request is ConnectWireRequest wire && ReferenceEquals(wire.ResourcePath, resourcePath) && wire.PlainPath != null) return wire.PlainPath;
            if (string.IsNullOrEmpty(resourcePath) || resourcePath![0] != '/') return null;
            var path = new System.Text.StringBuilder(resourcePath.Length + 64);
            int start = 1;
            while (start <= resourcePath.Length)
            {
                int end = resourcePath.IndexOf('/', start);
                if (end < 0) end = resourcePath.Length;
                string segment = resourcePath.Substring(start, end - start);
                if (segment.Length > 0 && segment[0] == '{' && !request.PathResources.TryGetValue(segment, out segment!)) return null;
                if (segment.Length == 0 || !Unreserved(segment)) return null;
                path.Append('/').Append(segment);
                start = end + 1;
            }
            return path.ToString();
        }

        /// <summary>
        /// The query as ComposeUrl writes it into the Uri and AWS4Signer into the canonical request, which is then the same
        /// string: "" without parameters; else "name=value" pairs joined by '&amp;' in ordinal order of names (the
        /// parameters are a sorted dictionary, so names are distinct), when every name is non-empty and every name and
        /// value is made of unreserved characters (so neither encodes anything; an empty value is "name=" in both).
        /// Null for anything else (a value to encode, a list or null value, parameters sent in a body): the SDK's way.
        /// </summary>
        internal static string? PlainQuery(IRequest request)
        {
            int count = request.Parameters.Count;
            if (count == 0) return "";
            if (!request.UseQueryString) return null;
            // The marshaller wrote it already (checked there); a hand-made request is worked out here.
            if (request is ConnectWireRequest wire && wire.PlainQuery != null && wire.QueryCount == count) return wire.PlainQuery;
            var query = new System.Text.StringBuilder(64);
            foreach (var parameter in request.ParameterCollection)
            {
                if (!(parameter.Value is StringParameterValue single) || single.Value == null) return null;
                if (parameter.Key.Length == 0 || !UnreservedChars(parameter.Key) || !UnreservedChars(single.Value)) return null;
                if (query.Length > 0) query.Append('&');
                query.Append(parameter.Key).Append('=').Append(single.Value);
            }
            return query.ToString();
        }

        /// <summary>A path segment that needs no encoding and that a Uri keeps as it is (not "." or "..").</summary>
        internal static bool Unreserved(string s) => UnreservedChars(s) && s != "." && s != "..";

        /// <summary>Only RFC 3986 unreserved characters (the empty string too): what UrlEncode leaves as it is.</summary>
        internal static bool UnreservedChars(string s)
        {
            foreach (char c in s)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
                if (!ok) return false;
            }
            return true;
        }
    }
}
