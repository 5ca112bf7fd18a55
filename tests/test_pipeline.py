from newsgraph.model import Document


def test_paragraph_breaks_end_sentences(pipeline):
    doc = Document(doc_id="t", text="Russian overtures\n\nIn July, the minister visited Pyongyang.")
    doc = pipeline.stages[0](doc)
    sentences = [s.text.strip() for s in doc.analysis.sents]
    assert sentences[0] == "Russian overtures"
    assert sentences[1].startswith("In July")


def test_pipe_matches_single_document_run(pipeline):
    texts = ["Kim Jong-un arrived in Russia on Tuesday.", "Putin met Kim in Vladivostok."]
    one_by_one = [pipeline(Document(doc_id=str(i), text=t)).to_dict() for i, t in enumerate(texts)]
    batched = [d.to_dict() for d in pipeline.pipe(Document(doc_id=str(i), text=t) for i, t in enumerate(texts))]
    assert batched == one_by_one
