interface FilePickerProps {
  /** The id of the words that name the input (its setting row's label). */
  labelledBy: string;
  /** What the button says. */
  text: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * A file input drawn as one of the page's buttons: the browser's own control adds a "No file
 * chosen" text of its own width, which wraps onto the next control. The input stays the focusable
 * control (visually hidden, named by its row), so the keyboard and assistive technologies reach it
 * as a file input, and the label around it makes the drawn button open the browser's picker.
 */
export function FilePicker({ labelledBy, text, accept, multiple = false, disabled = false, onFiles }: FilePickerProps) {
  return (
    <label class={disabled ? 'file-picker disabled' : 'file-picker'}>
      <input
        type="file"
        class="visually-hidden"
        aria-labelledby={labelledBy}
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const files = Array.from(input.files ?? []);
          input.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <span aria-hidden="true">{text}</span>
    </label>
  );
}
