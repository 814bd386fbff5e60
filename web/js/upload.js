// The operators' upload panel: a token entered once (kept in sessionStorage for this tab), a file
// and its kind, a dry run first whose report lists each problem (a button that shows it on the
// map), then the real upload; the page refreshes its figures and layers afterwards.
import { fetchJson, postWithProgress, setToken, token } from './api.js';
import { element, plural } from './dom.js';

export class UploadPanel {
  /**
   * @param dom the panel's elements (see index.html)
   * @param hooks showProblems(problems), focusProblem(problem), uploaded(iso3), tokenChanged()
   */
  constructor(dom, hooks) {
    this.dom = dom;
    this.hooks = hooks;
    this.checked = null; // {file, iso3, kind, skipInvalid} of the last successful dry run
    dom.tokenForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.useToken(dom.tokenInput.value.trim());
    });
    dom.tokenForget.addEventListener('click', () => this.forgetToken());
    dom.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.dryRun();
    });
    dom.confirm.addEventListener('click', () => this.confirm());
    for (const input of [dom.file, dom.kind, dom.stateParty]) {
      input.addEventListener('change', () => this.invalidate());
    }
  }

  /**
   * Fills the State Party choice with those the token may write to (an operator's own; every one
   * for a coordinator or admin); keeps the current choice, else takes the selected State Party.
   */
  setStateParties(parties, selected) {
    this.parties = parties;
    const scope = this.me?.role === 'operator' && this.me.stateParties?.length > 0 ? this.me.stateParties : null;
    const allowed = scope ? parties.filter((party) => scope.includes(party.iso3)) : parties;
    const current = this.dom.stateParty.value || selected || '';
    this.dom.stateParty.replaceChildren(...allowed.map((party) => element('option', { value: party.iso3 },
      `${party.name} (${party.iso3})`)));
    if (current && allowed.some((party) => party.iso3 === current)) this.dom.stateParty.value = current;
  }

  selectStateParty(iso3) {
    if (!iso3 || this.checked) return;
    if ([...this.dom.stateParty.options].some((option) => option.value === iso3)) this.dom.stateParty.value = iso3;
  }

  /** Shows who the stored token belongs to, on start. */
  async restore() {
    if (token()) await this.useToken(token(), { quiet: true });
    else this.showWho(null);
  }

  async useToken(value, { quiet = false } = {}) {
    if (!value) {
      this.setTokenStatus('error', 'Enter a token first.');
      return;
    }
    setToken(value);
    this.dom.tokenInput.value = '';
    this.setTokenStatus('loading', 'Checking the token…');
    try {
      const me = await fetchJson('./api/me');
      this.showWho(me);
      if (!quiet) this.hooks.tokenChanged();
    } catch (err) {
      setToken('');
      this.showWho(null);
      this.setTokenStatus('error', `Token refused — ${err.message}`);
    }
  }

  forgetToken() {
    setToken('');
    this.showWho(null);
    this.setTokenStatus('ok', 'Token forgotten.');
    this.hooks.tokenChanged();
  }

  showWho(me) {
    this.me = me;
    this.dom.tokenForget.hidden = me === null;
    // analysts read only: the form is for those who may upload
    this.dom.form.hidden = me === null || me.role === 'analyst';
    if (this.parties) this.setStateParties(this.parties, this.dom.stateParty.value);
    this.invalidate();
    document.body.dataset.token = me ? me.role : '';
    if (me) {
      const scope = me.stateParties && me.stateParties.length > 0 ? ` for ${me.stateParties.join(', ')}` : '';
      this.setTokenStatus('ok', `Signed in as ${me.name} (${me.role}${scope}). The token is kept for this tab only.`
        + (me.role === 'analyst' ? ' An analyst\'s token reads only: uploads need an operator\'s token.' : ''));
    } else {
      this.setTokenStatus('hint', 'Operators: enter your token once to upload; coordinators, to write the treaty records of a State Party (in its panel). It is kept for this browser tab only.');
    }
  }

  setTokenStatus(state, text) {
    this.dom.tokenStatus.dataset.state = state;
    this.dom.tokenStatus.textContent = text;
  }

  invalidate() {
    this.checked = null;
    this.dom.confirm.disabled = true;
    if (this.drawn) {
      this.drawn = false;
      this.hooks.showProblems([]);
    }
  }

  target() {
    const file = this.dom.file.files?.[0];
    const iso3 = this.dom.stateParty.value;
    const kind = this.dom.kind.value;
    return { file, iso3, kind };
  }

  async send(target, dryRun) {
    const body = new FormData();
    body.append('file', target.file, target.file.name);
    const query = new URLSearchParams();
    if (dryRun) query.set('dryRun', 'true');
    if (target.skipInvalid) query.set('invalid', 'skip');
    const url = `./api/state-parties/${encodeURIComponent(target.iso3)}/${target.kind}${query.size > 0 ? `?${query}` : ''}`;
    return postWithProgress(url, body, (sent, total) => this.showProgress(target.file.name, sent, total, dryRun));
  }

  /** How much of the file has gone, then that the server is at work on it. */
  showProgress(name, sent, total, dryRun) {
    const percent = total > 0 ? Math.min(100, Math.floor((sent / total) * 100)) : 0;
    const megabytes = (bytes) => (bytes / 1_048_576).toFixed(1);
    if (!this.progress || !this.dom.report.contains(this.progress.bar)) {
      this.progress = {
        text: element('p', { className: 'upload-message', 'data-testid': 'upload-progress-text' }),
        bar: element('progress', { className: 'upload-progress', max: 100, value: 0, 'data-testid': 'upload-progress',
          'aria-label': `Sending ${name}` }),
      };
      this.dom.report.replaceChildren(this.progress.text, this.progress.bar);
      this.dom.problems.replaceChildren();
    }
    this.dom.report.dataset.state = 'loading';
    this.progress.bar.value = percent;
    this.progress.text.textContent = total > 0 && sent < total
      ? `Sending ${name}: ${percent} % (${megabytes(sent)} of ${megabytes(total)} MB)…`
      : `${name} sent; the server is ${dryRun ? 'checking it (dry run, nothing is written)' : 'writing it'}…`;
    document.body.dataset.uploadProgress = String(percent);
  }

  /** A dry run of the chosen file; with skipInvalid, leaving out the features that cannot be stored. */
  async dryRun({ skipInvalid = false } = {}) {
    const target = { ...this.target(), skipInvalid };
    this.invalidate();
    this.hooks.showProblems([]);
    if (!target.file) {
      this.showMessage('error', 'Choose a file first.');
      return;
    }
    this.busy(true, `Checking ${target.file.name} (dry run, nothing is written)…`);
    try {
      const report = await this.send(target, true);
      if (report.alreadyUploaded) {
        this.showAlreadyUploaded(report);
        return;
      }
      this.checked = target;
      this.dom.confirm.disabled = false;
      this.showReport(report, true);
    } catch (err) {
      this.showRejection(err, target.iso3);
    } finally {
      this.busy(false);
    }
  }

  async confirm() {
    const target = this.checked;
    if (!target) return;
    this.dom.confirm.disabled = true;
    this.busy(true, `Uploading ${target.file.name}…`);
    try {
      const report = await this.send(target, false);
      this.checked = null;
      if (report.alreadyUploaded) {
        this.showAlreadyUploaded(report);
        return;
      }
      this.showReport(report, false);
      await this.hooks.uploaded(target.iso3);
    } catch (err) {
      this.showRejection(err, target.iso3);
    } finally {
      this.busy(false);
    }
  }

  busy(on, text) {
    this.dom.form.setAttribute('aria-busy', String(on));
    this.dom.check.disabled = on;
    if (on) this.showMessage('loading', text);
  }

  showMessage(state, text) {
    this.dom.report.dataset.state = state;
    this.dom.report.replaceChildren(element('p', { className: 'upload-message' }, text));
    this.dom.problems.replaceChildren();
  }

  /** The link to an upload's record (JSON, opened with the token). */
  static recordLink(uploadId) {
    return element('p', {}, element('a', {
      href: `./api/uploads/${encodeURIComponent(uploadId)}`, target: '_blank', rel: 'noopener',
      'data-with-token': true, 'data-testid': 'upload-record',
    }, `The record of upload ${uploadId}`), ' (JSON, opened with your token).');
  }

  /** The file was stored before: nothing new would be written, so there is nothing to confirm. */
  showAlreadyUploaded(report) {
    const { uploadId, uploadedAt } = report.alreadyUploaded;
    const when = uploadedAt ? new Date(uploadedAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' }) : 'earlier';
    this.dom.confirm.disabled = true;
    this.dom.report.dataset.state = 'already';
    document.body.dataset.upload = 'already';
    this.dom.report.replaceChildren(
      element('p', { className: 'upload-message', 'data-testid': 'upload-outcome' },
        `This file is already uploaded: upload ${uploadId}, ${when}, with ${plural(report.features ?? 0, 'feature', 'features')}. `
        + 'Nothing new would be written, so there is nothing to confirm.'),
      UploadPanel.recordLink(uploadId));
    this.dom.problems.replaceChildren();
    this.hooks.showProblems([]);
  }

  showReport(report, dryRun) {
    const warnings = report.warnings || [];
    const counts = [
      plural(report.features ?? 0, 'feature', 'features'),
      `${report.inserted ?? 0} new`, `${report.updated ?? 0} new versions`, `${report.unchanged ?? 0} unchanged`,
      `${report.repaired ?? 0} repaired`,
    ].join(', ');
    const preview = dryRun ? report.preview : null;
    const skipped = report.skipped || [];
    const drawn = preview?.features?.length || 0;
    this.dom.report.dataset.state = dryRun ? 'checked' : 'uploaded';
    document.body.dataset.upload = dryRun ? 'checked' : 'uploaded';
    this.dom.report.replaceChildren(...[
      element('p', { className: 'upload-message', 'data-testid': 'upload-outcome' }, dryRun
        ? `Dry run passed: ${counts}. Nothing was written yet — confirm to upload.`
        : `Uploaded (upload ${report.uploadId}): ${counts}. The figures and the map are refreshed.`),
      drawn > 0 ? element('p', { className: 'hint', 'data-testid': 'upload-preview-note' },
        `On the map, dashed: ${plural(drawn, 'feature', 'features')} as they would be stored`
        + `${preview.omitted ? ` (${preview.omitted} more not drawn)` : ''}; check they lie where they should.`) : null,
      skipped.length > 0 ? element('p', { 'data-testid': 'upload-skipped' },
        `${plural(skipped.length + (report.skippedOmitted || 0), 'feature', 'features')} left out, as they cannot be stored`
        + `${dryRun ? ' (they would not be written)' : ' (kept with the upload\'s record)'}:`) : null,
      !dryRun && report.uploadId ? UploadPanel.recordLink(report.uploadId) : null,
      warnings.length > 0 ? element('p', {}, `${plural(warnings.length, 'warning', 'warnings')}${
        report.warningsOmitted ? ` (and ${report.warningsOmitted} more)` : ''}:`) : null,
    ].filter(Boolean));
    this.listProblems([...skipped.map((e) => ({ ...e, severity: 'error' })), ...warnings.map((w) => ({ ...w, severity: 'warning' }))],
      { preview, iso3: report.iso3 });
  }

  showRejection(err, iso3) {
    const problem = err.problem || {};
    const errors = Array.isArray(problem.errors) ? problem.errors : [];
    const warnings = Array.isArray(problem.warnings) ? problem.warnings : [];
    this.dom.report.dataset.state = 'error';
    document.body.dataset.upload = 'rejected';
    this.dom.report.replaceChildren(...[
      element('p', { className: 'upload-message', role: 'alert', 'data-testid': 'upload-outcome' },
        `Refused, nothing was written — ${err.message}`),
      problem.skippable ? this.skipOffer(problem.skippable) : null,
      errors.length > 0 ? element('p', {}, `${plural(problem.errorCount ?? errors.length, 'problem', 'problems')}`
        + `${warnings.length > 0 ? ` and ${plural(problem.warningCount ?? warnings.length, 'warning', 'warnings')}` : ''}; `
        + 'choose one to see it on the map:') : null,
    ].filter(Boolean));
    this.listProblems([...errors.map((e) => ({ ...e, severity: 'error' })), ...warnings.map((w) => ({ ...w, severity: 'warning' }))],
      { preview: problem.preview || null, iso3 });
  }

  /** Every error belongs to a feature: offers to check the file again leaving those features out. */
  skipOffer({ validFeatures, invalidFeatures }) {
    const button = element('button', { type: 'button', className: 'small-button', 'data-testid': 'upload-skip' },
      `Check the ${plural(validFeatures, 'valid feature', 'valid features')} alone`);
    button.addEventListener('click', () => this.dryRun({ skipInvalid: true }));
    return element('p', { className: 'skip-offer' }, button,
      ` leaves out the ${plural(invalidFeatures, 'feature', 'features')} listed below; they are kept in the upload's record.`);
  }

  listProblems(problems, { preview = null, iso3 = null } = {}) {
    const located = problems.map((problem, index) => ({ ...problem, index }));
    this.drawn = true;
    this.hooks.showProblems(located.filter((problem) => Array.isArray(problem.location)), { preview, iso3 });
    this.dom.problems.replaceChildren(...located.map((problem) => {
      const { severity } = problem;
      const where = [
        problem.feature !== null && problem.feature !== undefined ? `feature ${problem.feature}` : 'the file',
        problem.externalId ? `“${problem.externalId}”` : null,
      ].filter(Boolean).join(' ');
      const text = `${where}: ${problem.code} — ${problem.message}`;
      const item = Array.isArray(problem.location)
        ? element('button', { type: 'button', className: `problem problem-${severity}`, 'data-testid': 'upload-problem' },
          text, element('span', { className: 'problem-where' },
            ` (at ${problem.location[1].toFixed(5)}, ${problem.location[0].toFixed(5)}; show on map)`))
        : element('span', { className: `problem problem-${severity}`, 'data-testid': 'upload-problem' }, text);
      if (item.tagName === 'BUTTON') item.addEventListener('click', () => this.hooks.focusProblem(problem));
      return element('li', {}, item);
    }));
  }
}

