// The admin's rich-text editor (records/admin/editor.py).
//
// django-prose-editor's Tiptap build, imported by URL: no import map is
// needed, and the editor is started with `injectCSS: false`, so neither an
// inline script nor an inline style is asked of the CSP. The extensions
// and their options come from the textarea's data attribute.
import * as prose from "../../django_prose_editor/editor.js"

const { Editor, Mark, Node, crel, gettext, initializeEditors } = prose
const MARKER = "data-django-prose-editor-configurable"

// Marks the sanitizer keeps that have no button: read and written as they are,
// so that opening a text in the editor never loses them.
const keptMark = (name, tag, attributes = []) =>
  Mark.create({
    name,
    addAttributes() {
      return Object.fromEntries(attributes.map((attribute) => [attribute, { default: null }]))
    },
    parseHTML() {
      return [{ tag }]
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, HTMLAttributes, 0]
    },
  })

const Abbreviation = keptMark("abbreviation", "abbr", ["title"])
const Citation = keptMark("citation", "cite")
const Quotation = keptMark("quotation", "q", ["cite"])
const SmallPrint = keptMark("smallPrint", "small")

// --- pasting from Word and Google Docs ----------------------------------------------
//
// Pasted HTML is read into the editor's schema, which keeps structure and
// drops the rest. Before that, its inline styles are renamed so that the
// browser never applies them (our CSP would refuse them, and say so in the
// console); the bold and italic they carry are still read as such.

const cleanPastedHTML = (html) =>
  html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<\/?o:p>/gi, "")
    // Google Docs wraps everything in a <b> that is not bold.
    .replace(/<b\b([^>]*\bid="docs-internal-guid[^"]*")/gi, "<span$1")
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, (_, value) => ` data-pasted-style=${value}`)

const styled = (pattern) => ({
  tag: "span[data-pasted-style]",
  getAttrs: (element) => pattern.test(element.dataset.pastedStyle) && null,
})

const Bold = prose.Bold.extend({
  parseHTML() {
    return [...(this.parent?.() || []), styled(/font-weight:\s*(bold|[6-9]00)/i)]
  },
})

const Italic = prose.Italic.extend({
  parseHTML() {
    return [...(this.parent?.() || []), styled(/font-style:\s*italic/i)]
  },
})

// --- pictures from the image library --------------------------------------------

// The API gives absolute URLs; a file on this site is stored by its path, as
// the sanitizer expects library URLs to be (a bucket's stay absolute).
const libraryUrl = (url) => {
  const parsed = new URL(url, window.location.href)
  return parsed.origin === window.location.origin ? parsed.pathname : parsed.href
}

const preview = (image) => {
  // A rendition near 640 px for the editor; the pages draw all of them.
  const renditions = image.renditions.filter((r) => r.format === "webp")
  const near = renditions.find((r) => r.width >= 640) || renditions.at(-1)
  return libraryUrl(near ? near.url : image.url)
}

const thumbnail = (image) => {
  const smallest = image.renditions.find((r) => r.format === "webp") || image.renditions[0]
  return smallest ? smallest.url : image.url
}

async function fetchImages(listUrl, query) {
  const url = new URL(listUrl, window.location.href)
  url.searchParams.set("page_size", "48")
  if (query) url.searchParams.set("search", query)
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`)
  return (await response.json()).results
}

// A dialog listing the library; resolves with the chosen image's attributes, or null.
function pickImage(editor, listUrl) {
  return new Promise((resolve) => {
    const search = crel("input", {
      type: "search",
      name: "q",
      placeholder: gettext("Search alt text, caption, credit"),
      className: "library-picker__search",
    })
    const grid = crel("div", { className: "library-picker__grid", role: "list" })
    const status = crel("p", { className: "library-picker__status", role: "status" })
    const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
    const dialog = crel("dialog", { className: "prose-editor-dialog library-picker" }, [
      crel("h3", { className: "prose-editor-dialog-title", textContent: gettext("Insert an image from the library") }),
      search,
      status,
      grid,
      crel("div", { className: "prose-editor-dialog-buttons" }, [cancel]),
    ])
    let chosen = null

    const show = async () => {
      status.textContent = gettext("Loading…")
      grid.textContent = ""
      try {
        const images = await fetchImages(listUrl, search.value.trim())
        status.textContent = images.length ? "" : gettext("No image found. Upload one under Images first.")
        for (const image of images) {
          const button = crel(
            "button",
            { type: "button", className: "library-picker__item", title: image.alt || gettext("Decorative image") },
            [
              crel("img", { src: thumbnail(image), alt: "", width: 160, loading: "lazy" }),
              crel("span", { textContent: image.alt || gettext("Decorative image") }),
            ],
          )
          button.dataset.image = image.id
          button.addEventListener("click", () => {
            chosen = { image: String(image.id), src: preview(image), alt: image.alt }
            dialog.close()
          })
          grid.append(crel("div", { role: "listitem" }, [button]))
        }
      } catch (error) {
        status.textContent = `${gettext("The library could not be loaded")}: ${error.message}`
      }
    }

    let timer = null
    search.addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(show, 250)
    })
    cancel.addEventListener("click", () => dialog.close())
    dialog.addEventListener("close", () => {
      dialog.remove()
      resolve(chosen)
    })
    editor.view.dom.parentElement.append(dialog)
    dialog.showModal()
    show()
  })
}

const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,

  addOptions() {
    return { listUrl: "/api/v1/images/" }
  },

  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => ({ "data-image": attributes.image }),
      },
      src: { default: null },
      alt: { default: "" },
    }
  },

  parseHTML() {
    return [{ tag: "img[data-image]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["img", HTMLAttributes]
  },

  addCommands() {
    return {
      insertLibraryImage:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    }
  },

  addMenuItems({ buttons, menu }) {
    const { listUrl } = this.options
    menu.defineItem({
      name: "libraryImage",
      groups: "nodes",
      button: buttons.material("image", gettext("Insert an image from the library")),
      command(editor) {
        pickImage(editor, listUrl).then((attrs) => {
          if (attrs) editor.chain().focus().insertLibraryImage(attrs).run()
        })
      },
    })
  },
})

const EXTENSIONS = { ...prose, Bold, Italic, LibraryImage, Abbreviation, Citation, Quotation, SmallPrint }

function extensionsFrom(config) {
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = EXTENSIONS[name]
    if (!extension) continue
    extensions.push(typeof options === "object" ? extension.configure(options) : extension)
  }
  return extensions
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(MARKER) || "{}")
  const disabled = textarea.hasAttribute("disabled")
  const element = crel("div", { className: `prose-editor${disabled ? " disabled" : ""}` })
  textarea.before(element)
  element.append(textarea)
  return new Editor({
    element,
    editable: !disabled,
    injectCSS: false,
    extensions: extensionsFrom(config),
    content: textarea.value,
    editorProps: { transformPastedHTML: cleanPastedHTML },
    onUpdate({ editor }) {
      textarea.value = editor.isEmpty ? "" : editor.getHTML()
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
}

initializeEditors(createEditor, `[${MARKER}]`)
