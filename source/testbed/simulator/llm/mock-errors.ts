// mock_response values that name a litellm exception make the simulated upstream fail the way LiteLLM's mock does,
// so both sides can be driven into the same error without a provider.
import {proxyError, type HttpError} from '../http/errors.js';

const statusByClass: Record<string, number> = {
	BadRequestError: 400,
	ContextWindowExceededError: 400,
	ContentPolicyViolationError: 400,
	AuthenticationError: 401,
	PermissionDeniedError: 403,
	NotFoundError: 404,
	Timeout: 408,
	UnprocessableEntityError: 422,
	RateLimitError: 429,
	InternalServerError: 500,
	APIConnectionError: 500,
	APIError: 500,
	ServiceUnavailableError: 503,
};

export function mockError(mockResponse: unknown, modelGroup: string): HttpError | undefined {
	if (typeof mockResponse !== 'string') return undefined;
	const match = /^litellm\.(\w+)(?::\s*(.*))?$/s.exec(mockResponse.trim());
	const errorClass = match?.[1];
	if (!errorClass || !(errorClass in statusByClass)) return undefined;
	const detail = match[2] || `This is a mock ${errorClass} raised via mock_response`;
	const status = statusByClass[errorClass]!;
	return proxyError(status, `litellm.${errorClass}: ${detail}. Received Model Group=${modelGroup}\nAvailable Model Group Fallbacks=None`, {
		type: status === 429 ? 'throttling_error' : 'None',
		param: 'None',
	});
}
