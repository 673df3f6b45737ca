// The process diagram of the admin area (modules/Workflows Pages/Admin/Processes/Process.cshtml, docs/adr/0025):
// bpmn-js's navigated viewer (wwwroot/lib/bpmn-js, from npm by scripts/frontend.sh) draws the BPMN file the page's
// download link gives, with the coordinates the export wrote (no layout here). The tables beside the diagram say the
// same without script. Loaded as a file (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';

  function show() {
    var container = document.getElementById('process-diagram');
    if (!container || typeof window.BpmnJS !== 'function') {
      return;
    }
    var viewer = new window.BpmnJS({ container: container });
    fetch(container.getAttribute('data-bpmn-url'), { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('BPMN ' + response.status);
        }
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        viewer.get('canvas').zoom('fit-viewport');
        container.setAttribute('data-rendered', 'true');
      })
      .catch(function (error) {
        container.setAttribute('data-error', String(error && error.message || error));
      });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', show);
  } else {
    show();
  }
}());
