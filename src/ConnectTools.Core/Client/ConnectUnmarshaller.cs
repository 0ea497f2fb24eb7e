using System;
using System.IO;
using System.Net;
using System.Text.Json;
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
    internal sealed class ConnectUnmarshaller<T> : JsonResponseUnmarshaller where T : class
    {
        internal static readonly ConnectUnmarshaller<T> Instance = new ConnectUnmarshaller<T>();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var stream = context.Stream;
            T? body;
            try
            {
                body = JsonSerializer.Deserialize<T>(stream, ConnectJson.Options);
            }
            catch (JsonException e) when (e.LineNumber == 0 && e.BytePositionInLine == 0)
            {
                throw new InvalidDataException("The response body is empty where a JSON object was expected.", e);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException("The response body is not valid JSON of the expected shape (" + e.Message + ").", e);
            }
            if (body == null)
                throw new InvalidDataException("The response body is empty or null where a JSON object was expected.");
            return new ConnectResponse<T> { Body = body };
        }

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
