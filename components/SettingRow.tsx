import type { ComponentChildren } from 'preact';

interface SettingRowProps {
  /** What the row sets or does, in words. */
  label: ComponentChildren;
  /** The label's id, for a control that names itself after it (aria-labelledby). */
  labelId?: string;
  /** The control the label is for, where it is one form field. */
  htmlFor?: string;
  /** A line under the label saying more. */
  hint?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * One labelled setting or action of the options page: the words on the left, the controls on the
 * right (under the words when the page is narrow). Every section lays its rows out with it.
 */
export function SettingRow({ label, labelId, htmlFor, hint, children }: SettingRowProps) {
  return (
    <div class="setting-row">
      <div class="setting-label">
        {htmlFor ? (
          <label id={labelId} for={htmlFor}>
            {label}
          </label>
        ) : (
          <span id={labelId}>{label}</span>
        )}
        {hint && <p class="setting-hint">{hint}</p>}
      </div>
      <div class="setting-control">{children}</div>
    </div>
  );
}
