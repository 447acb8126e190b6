// A lecture's sanitised HTML with its math typeset by KaTeX and its code highlighted by highlight.js.
// The server sends HTML in which TeX is plain text inside span.math-inline / span.math-display.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import java from 'highlight.js/lib/languages/java';
import bash from 'highlight.js/lib/languages/bash';
import json from 'highlight.js/lib/languages/json';
import javascript from 'highlight.js/lib/languages/javascript';
import 'highlight.js/styles/github.css';

hljs.registerLanguage('python', python);
hljs.registerLanguage('java', java);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('javascript', javascript);

class LectureContent extends HTMLElement {
  private _html = '';

  connectedCallback() {
    // A value set before the element was upgraded lives on the instance; take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'html')) {
      const value = (this as any).html as string;
      delete (this as any).html;
      this.html = value;
    }
  }

  get html(): string {
    return this._html;
  }

  set html(value: string) {
    this._html = value ?? '';
    this.innerHTML = this._html;
    this.typeset();
  }

  private typeset() {
    this.querySelectorAll<HTMLElement>('span.math-inline, span.math-display').forEach((element) => {
      const tex = element.textContent ?? '';
      try {
        katex.render(tex, element, {
          displayMode: element.classList.contains('math-display'),
          throwOnError: false,
          trust: false,
          output: 'htmlAndMathml',
        });
      } catch (e) {
        element.classList.add('math-error');
        element.textContent = tex;
      }
    });
    this.querySelectorAll<HTMLElement>('pre code').forEach((block) => {
      const language = [...block.classList].find((c) => c.startsWith('language-'))?.substring(9);
      if (language && hljs.getLanguage(language)) {
        hljs.highlightElement(block);
      } else {
        block.classList.add('hljs');
      }
    });
    // wide tables, code and display formulas scroll sideways inside themselves: the keyboard must reach them too
    // (WCAG 2.1.1)
    this.querySelectorAll<HTMLElement>('table, pre, .math-display').forEach((box) => {
      box.tabIndex = 0;
    });
    this.dataset.typeset = 'true';
  }
}

if (!customElements.get('lecture-content')) {
  customElements.define('lecture-content', LectureContent);
}
