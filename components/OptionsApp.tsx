import { useEffect, useMemo, useState } from 'preact/hooks';
import type { HtmlParser } from '@/utils/core/format/html-parser';
import { PRESETS, exportClip, type PresetId } from '@/utils/core/format/presets';
import { presetAbout, presetName } from '@/utils/core/i18n/presets';
import { TEMPLATE_HELP, TemplateError, checkTemplate, type CustomTemplate } from '@/utils/core/format/template';
import { errorText } from '@/utils/core/model/errors';
import type { ImportNotice } from '@/utils/core/backup/import-posts';
import { errorMessage, reasonText } from '@/utils/core/i18n/reasons';
import type { OptionsClient } from '@/utils/pages/options-client';
import { readStorageState, type StorageState } from '@/utils/pages/persist-storage';
import type { BackupStatus, Settings, SettingsClient } from '@/utils/pages/settings';
import { BATCH_TABS, DEFAULT_SETTINGS } from '@/utils/core/settings/settings';
import { splitTags } from '@/utils/core/model/tag-input';
import { reason } from '@/utils/core/model/reasons';
import type { Clip } from '@/utils/core/model/types';
import { useT } from './i18n-context';
import { StorageUsage } from './StorageUsage';
import { FilePicker } from './FilePicker';
import { ImportJob, type ImportJobSpec, type ImportReport } from './ImportJob';
import { SettingRow } from './SettingRow';

interface OptionsAppProps {
  client: OptionsClient;
  settings: SettingsClient;
  parser: HtmlParser;
  /** Shown in the preview while the library is empty. */
  sampleClip: Clip;
  now?: () => number;
  /** How much room the library takes (the browser's estimate by default). */
  readStorage?: () => Promise<StorageState | undefined>;
}

const WEEK = 7 * 24 * 3600 * 1000;
/** The intervals the scheduled backup offers, in days (0: off). */
const BACKUP_EVERY = [0, 1, 7, 14, 30];
const TARGETS: NonNullable<CustomTemplate['target']>[] = ['gfm', 'jekyll', 'hugo', 'obsidian'];

/** The export preset, the custom template with a live preview, backup, restore and import. */
export function OptionsApp({ client, settings: store, parser, sampleClip, now = Date.now, readStorage = readStorageState }: OptionsAppProps) {
  const t = useT();
  // Drawn with the defaults until the stored settings are read (a few milliseconds); the settings'
  // controls wait for them, so no click can write a default over a stored value.
  const [loaded, setLoaded] = useState(false);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [brokenFields, setBrokenFields] = useState<string[]>([]);
  const [backupStatus, setBackupStatus] = useState<BackupStatus>({});
  const [newest, setNewest] = useState<Clip | null>();
  const [status, setStatus] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [notices, setNotices] = useState<ImportNotice[]>([]);
  const [busy, setBusy] = useState(false);
  // How far a backup or restore is: the words and, once the count is known, the clips done of all.
  const [work, setWork] = useState<{ text: string; done?: number; total?: number }>();
  // Counts finished actions: a backup, restore or import changes the room the library takes.
  const [actions, setActions] = useState(0);
  const [importJob, setImportJob] = useState<ImportJobSpec>();

  useEffect(() => {
    client.newestClip().then(setNewest, () => setNewest(null));
  }, [client]);

  useEffect(() => {
    let live = true;
    // A change seen while a first read is on its way is newer than what that read answers.
    let settingsChanged = false;
    let statusChanged = false;
    void store.load().then(({ settings: read, broken }) => {
      if (!live) return;
      if (!settingsChanged) setSettings(read);
      setLoaded(true);
      if (broken.length === 0) return;
      // Reported once: the sound value replaces the broken one, so the next visit finds none.
      setBrokenFields(broken);
      void store.repair(read);
    });
    void store.backupStatus().then((status) => live && !statusChanged && setBackupStatus(status));
    const unwatch = [
      store.watch((next) => {
        settingsChanged = true;
        if (live) setSettings(next);
      }),
      store.watchBackupStatus((next) => {
        statusChanged = true;
        if (live) setBackupStatus(next);
      }),
    ];
    return () => {
      live = false;
      unwatch.forEach((stop) => stop());
    };
  }, [store]);

  function update(patch: Partial<Settings>) {
    setSettings((current) => ({ ...current, ...patch }));
    void store.update(patch);
  }
  const setTemplate = (patch: Partial<CustomTemplate>) => update({ template: { ...settings.template, ...patch } });

  const errors = useMemo(() => checkTemplate(settings.template), [settings.template]);
  const previewClip = newest ?? sampleClip;
  const preview = useMemo(() => {
    try {
      return exportClip(previewClip, settings.preset, { parser, template: settings.template });
    } catch (error) {
      return { path: '', text: error instanceof TemplateError ? '' : errorText(error) };
    }
  }, [previewClip, settings.preset, settings.template, parser]);

  /** Runs a backup or a restore; `progress` words each step (`done` of `total` clips). */
  async function run(action: (progress: (done: number, total: number) => void) => Promise<string>, words: (done: number, total: number) => string) {
    setBusy(true);
    setStatus('');
    setWork({ text: t('working') });
    setProblems([]);
    setNotices([]);
    // A step of a hundredth at a time: a backup hears of every clip, and a large library is tens of
    // thousands of them, as many renders.
    let shown = -Infinity;
    const progress = (done: number, total: number) => {
      if (done < total && done - shown < total / 100) return;
      shown = done;
      setWork({ text: words(done, total), done, total });
    };
    try {
      setStatus(await action(progress));
    } catch (error) {
      setStatus(t('failed', errorMessage(error, t)));
    } finally {
      setBusy(false);
      setWork(undefined);
      setActions((n) => n + 1);
    }
  }

  function startImport(job: ImportJobSpec) {
    setStatus('');
    setProblems([]);
    setNotices([]);
    setImportJob(job);
  }
  function endImport(report: ImportReport | undefined) {
    setImportJob(undefined);
    setActions((n) => n + 1);
    if (!report) return;
    setStatus(report.message);
    setProblems(report.problems);
    setNotices(report.notices);
  }
  const working = busy || importJob !== undefined;

  const lastBackup = backupStatus.lastAt;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {brokenFields.length > 0 && (
        <p role="alert" class="warning settings-broken">
          {reasonText(reason('settings-broken'), t)}
        </p>
      )}
      {loaded && (
      <>
      <section aria-labelledby="format">
        <h2 id="format">{t('exportFormat')}</h2>
        {Object.values(PRESETS).map((preset) => (
          <label class="preset" key={preset.id}>
            <input type="radio" name="preset" value={preset.id} checked={settings.preset === preset.id} onChange={() => update({ preset: preset.id as PresetId })} />
            <span>
              <strong>{presetName(preset.id, t)}</strong> — {presetAbout(preset.id, t)}
            </span>
          </label>
        ))}
      </section>
      {settings.preset === 'custom' && (
        <section aria-labelledby="template">
          <h2 id="template">{t('templateSection')}</h2>
          <label class="field">
            <span>{t('templateText')}</span>
            <textarea rows={12} spellcheck={false} value={settings.template.text} onInput={(e) => setTemplate({ text: (e.currentTarget as HTMLTextAreaElement).value })} />
          </label>
          <label class="field">
            <span>{t('templateFileName')}</span>
            <input type="text" spellcheck={false} value={settings.template.fileName} onInput={(e) => setTemplate({ fileName: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <label class="field">
            <span>{t('templateTarget')}</span>
            <select value={settings.template.target ?? 'gfm'} onChange={(e) => setTemplate({ target: (e.currentTarget as HTMLSelectElement).value as CustomTemplate['target'] })}>
              {TARGETS.map((target) => (
                <option key={target} value={target}>
                  {target}
                </option>
              ))}
            </select>
          </label>
          {errors.length > 0 && (
            <div role="alert" class="errors">
              <strong>{t('templateErrors')}</strong>
              <ul>
                {errors.map((error) => (
                  <li key={`${error.part}-${error.index}`}>{error.message}</li>
                ))}
              </ul>
            </div>
          )}
          <details>
            <summary>{t('templateHelp')}</summary>
            <ul>
              {TEMPLATE_HELP.rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
            <h3>{t('variables')}</h3>
            <dl>
              {TEMPLATE_HELP.variables.map((v) => [<dt key={`${v.name}-t`}>{`{{${v.name}}}`}</dt>, <dd key={`${v.name}-d`}>{v.description}</dd>])}
            </dl>
            <h3>{t('filters')}</h3>
            <dl>
              {TEMPLATE_HELP.filters.map((f) => [<dt key={`${f.name}-t`}>{f.usage}</dt>, <dd key={`${f.name}-d`}>{f.description}</dd>])}
            </dl>
            <pre>{TEMPLATE_HELP.example}</pre>
          </details>
        </section>
      )}
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t('privacySection')}</h2>
        <label class="preset">
          <input type="checkbox" checked={settings.previewImages} onChange={(e) => update({ previewImages: (e.currentTarget as HTMLInputElement).checked })} />
          <span>{t('previewImagesLabel')}</span>
        </label>
        <label class="preset">
          <input type="checkbox" checked={settings.downloadImages} onChange={(e) => update({ downloadImages: (e.currentTarget as HTMLInputElement).checked })} />
          <span>{t('includeImagesOption')}</span>
        </label>
      </section>
      <section aria-labelledby="clipping">
        <h2 id="clipping">{t('clippingSection')}</h2>
        <label class="preset">
          <input type="checkbox" checked={settings.oneClick} onChange={(e) => update({ oneClick: (e.currentTarget as HTMLInputElement).checked })} />
          <span>{t('oneClickLabel')}</span>
        </label>
        <label class="preset">
          <input type="checkbox" checked={settings.askBeforeSaving} onChange={(e) => update({ askBeforeSaving: (e.currentTarget as HTMLInputElement).checked })} />
          <span>{t('askBeforeSavingLabel')}</span>
        </label>
        <SettingRow label={t('defaultTagsLabel')} htmlFor="default-tags">
          <input
            id="default-tags"
            type="text"
            name="default-tags"
            // Keyed by the stored list, so the field shows it again once a change is tidied (spaces, repeats).
            key={settings.defaultTags.join('\u0000')}
            defaultValue={settings.defaultTags.join(', ')}
            onChange={(e) => update({ defaultTags: splitTags((e.currentTarget as HTMLInputElement).value) })}
          />
        </SettingRow>
        <SettingRow label={t('batchTabsLabel', BATCH_TABS.min, BATCH_TABS.max)} htmlFor="batch-tabs">
          <input
            id="batch-tabs"
            type="number"
            name="batch-tabs"
            min={BATCH_TABS.min}
            max={BATCH_TABS.max}
            step={1}
            value={settings.batchTabs}
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const n = Math.round(Number(input.value));
              if (Number.isFinite(n)) update({ batchTabs: Math.min(BATCH_TABS.max, Math.max(BATCH_TABS.min, n)) });
              else input.value = String(settings.batchTabs);
            }}
          />
        </SettingRow>
      </section>
      <section aria-labelledby="preview">
        <h2 id="preview">{newest ? t('previewHeading') : t('previewSample')}</h2>
        <p>
          <code class="preview-path">{preview.path}</code>
        </p>
        {/* Focusable: it scrolls, and the keyboard must be able to scroll it too. */}
        <pre class="preview-text" tabIndex={0} aria-labelledby="preview">
          {preview.text}
        </pre>
      </section>
      </>
      )}
      <section aria-labelledby="backup">
        <h2 id="backup">{t('backupSection')}</h2>
        <p class="warning">{t('backupWarning')}</p>
        <p class="backup-last">
          {lastBackup === undefined ? t('backupNever') : t('backupLast', new Date(lastBackup).toLocaleString())}
          {(lastBackup === undefined || now() - lastBackup > WEEK) && <strong> {t('backupReminder')}</strong>}
        </p>
        {backupStatus.failure && backupStatus.failure.at > (lastBackup ?? 0) && (
          <p role="alert" class="errors backup-failed">
            {t('scheduledBackupFailed', new Date(backupStatus.failure.at).toLocaleString(), reasonText(backupStatus.failure.reason, t))}
          </p>
        )}
        {loaded && (
          <SettingRow label={t('scheduledBackupLabel')} labelId="backup-every-label">
            <select name="backup-every" aria-labelledby="backup-every-label" value={String(settings.backupEveryDays)} onChange={(e) => update({ backupEveryDays: Number((e.currentTarget as HTMLSelectElement).value) })}>
              {[...new Set([...BACKUP_EVERY, settings.backupEveryDays])].sort((a, b) => a - b).map((days) => (
                <option key={days} value={String(days)}>
                  {days === 0 ? t('scheduledBackupOff') : days === 1 ? t('scheduledBackupDaily') : t('scheduledBackupEvery', days)}
                </option>
              ))}
            </select>
          </SettingRow>
        )}
        <SettingRow label={t('backupLabel')} labelId="backup-label">
          <button
            type="button"
            aria-describedby="backup-label"
            disabled={working}
            onClick={() =>
              void run(
                async (progress) => {
                  const count = await client.backup(progress);
                  await store.recordBackup(now());
                  return t('backupDone', count);
                },
                (done, total) => t('backupProgress', done, total),
              )
            }
          >
            {t('backupNow')}
          </button>
        </SettingRow>
        <SettingRow label={t('restoreLabel')} labelId="restore-label">
          <FilePicker
            labelledBy="restore-label"
            text={t('chooseBackup')}
            accept=".zip,application/zip"
            disabled={working}
            onFiles={([file]) =>
              void run(
                async (progress) => {
                  const { restored, errors: restoreErrors } = await client.restore(file!, progress);
                  setProblems(restoreErrors);
                  return t('restoreDone', restored);
                },
                (done, total) => t('restoreProgress', done, total),
              )
            }
          />
        </SettingRow>
        <SettingRow label={t('importLabel')} labelId="import-label">
          <FilePicker
            labelledBy="import-label"
            text={t('choosePosts')}
            accept=".md,.markdown,.zip,text/markdown,application/zip"
            multiple
            disabled={working}
            onFiles={(files) => startImport({ kind: 'files', files })}
          />
          {client.pickFolder && (
            <button type="button" disabled={working} onClick={() => startImport({ kind: 'folder', folder: client.pickFolder!() })}>
              {t('importFolderButton')}
            </button>
          )}
        </SettingRow>
        {work && (
          <div class="notice work-job">
            <progress aria-label={t('workProgressLabel')} {...(work.total !== undefined && { max: Math.max(1, work.total), value: work.done ?? 0 })} />
            <span>{work.text}</span>
          </div>
        )}
        {importJob && <ImportJob job={importJob} client={client} onDone={endImport} />}
        <p role="status">{status}</p>
        {problems.length > 0 && (
          <div class="errors">
            <strong>{t('importProblems')}</strong>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {notices.length > 0 && (
          <div class="notices">
            <strong>{t('importNotices')}</strong>
            <ul>
              {notices.map((n, i) => (
                <li key={i}>{`${n.file}: ${reasonText(n.reason, t)}`}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section aria-labelledby="storage">
        <h2 id="storage">{t('storageSection')}</h2>
        <StorageUsage read={readStorage} refresh={actions} />
      </section>
    </main>
  );
}
