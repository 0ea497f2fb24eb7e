using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace ConnectTools.Client
{
    /// <summary>The response of one call: the deserialized body.</summary>
    internal sealed class ConnectResponse<T> : AmazonWebServiceResponse where T : class
    {
        internal T? Body;
    }

    /// <summary>
    /// Reads a Connect response body with System.Text.Json; errors are read by the SDK's own JSON error unmarshaller
    /// (X-Amzn-ErrorType header, __type, code) into <see cref="ConnectServiceException"/>.
    /// </summary>
    internal sealed class ConnectUnmarshaller<T> : JsonResponseUnmarshaller, IConnectBodyReader where T : class
    {
        internal static readonly ConnectUnmarshaller<T> Instance = new ConnectUnmarshaller<T>();

        private static readonly JsonTypeInfo<T> TypeInfo = (JsonTypeInfo<T>)ConnectJson.Options.GetTypeInfo(typeof(T));

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            T? body;
            try
            {
                body = JsonSerializer.Deserialize(context.Stream, TypeInfo);
            }
            catch (JsonException e)
            {
                throw Unreadable(e);
            }
            return Response(body);
        }

        /// <summary>The body of a successful response, read from the HTTP content stream (see <see cref="ConnectUnmarshalStage"/>).</summary>
        public async Task<AmazonWebServiceResponse> ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            T? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(stream, TypeInfo, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw Unreadable(e);
            }
            return Response(body);
        }

        private static InvalidDataException Unreadable(JsonException e) =>
            e.LineNumber == 0 && e.BytePositionInLine == 0
                ? new InvalidDataException("The response body is empty where a JSON object was expected.", e)
                : new InvalidDataException("The response body is not valid JSON of the expected shape (" + e.Message + ").", e);

        private static ConnectResponse<T> Response(T? body) =>
            new ConnectResponse<T> { Body = body ?? throw new InvalidDataException("The response body is empty or null where a JSON object was expected.") };

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            ErrorResponse error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            string? requestId = error.RequestId;
            if (string.IsNullOrEmpty(requestId))
                requestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
            return new ConnectServiceException(error.Message ?? "", innerException, error.Type, error.Code, requestId, statusCode);
        }
    }
}
