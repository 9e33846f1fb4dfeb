// Uploaded files (OpenAI file objects and their bytes), in memory.

export type FileObject = {
	id: string;
	object: 'file';
	bytes: number;
	created_at: number;
	filename: string;
	purpose: string;
	status: 'processed';
	expires_at: number | null;
	status_details: null;
};

export const validPurposes = ['assistants', 'assistants_output', 'batch', 'batch_output', 'fine-tune', 'fine-tune-results', 'vision', 'user_data'];

export class FileStore {
	private readonly files = new Map<string, {object: FileObject; content: Buffer}>();

	add(object: FileObject, content: Buffer): FileObject {
		this.files.set(object.id, {object, content});
		return object;
	}

	get(id: string): {object: FileObject; content: Buffer} | undefined {
		return this.files.get(id);
	}

	list(purpose?: string): FileObject[] {
		return [...this.files.values()].map(file => file.object).filter(object => !purpose || object.purpose === purpose);
	}

	delete(id: string): boolean {
		return this.files.delete(id);
	}
}
